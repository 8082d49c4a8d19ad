import type { Contender, Measurement } from './measure';

/** One measured process in a run, with the case it belongs to (e.g. `1000000 csv` or a settings name). */
export interface CaseMeasurement extends Measurement {
    case: string;
    run: number;
}

/** Medians of one contender in one case, and the hub's ratio to the floor. */
export interface CaseSummary {
    case: string;
    contender: Contender;
    runs: number;
    rows: number;
    wallSeconds: number;
    cpuSeconds: number;
    rowsPerSecond: number;
    peakRssMiB: number;
    tempPeakMiB: number;
    /** Output bytes / input bytes (0 for gunzip, which writes nothing). */
    outputPerInput: number;
    /** This contender's median wall time / the floor's, in the same case. */
    wallPerFloor?: number;
    cpuPerFloor?: number;
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? (sorted[middle] ?? NaN)
        : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Medians per case and contender, in the order measured, with ratios to the floor where the case has one. */
export function summarize(measurements: CaseMeasurement[]): CaseSummary[] {
    const groups = new Map<string, CaseMeasurement[]>();
    for (const m of measurements)
        groups.set(`${m.case}\u0000${m.contender}`, [...(groups.get(`${m.case}\u0000${m.contender}`) ?? []), m]);
    const summaries = [...groups.values()].map((group): CaseSummary => {
        const first = group[0] as CaseMeasurement;
        const wallSeconds = median(group.map((m) => m.wallSeconds));
        return {
            case: first.case,
            contender: first.contender,
            runs: group.length,
            rows: first.rows,
            wallSeconds,
            cpuSeconds: median(group.map((m) => m.cpuSeconds)),
            rowsPerSecond: first.rows / wallSeconds,
            peakRssMiB: median(group.map((m) => m.peakRssMiB)),
            tempPeakMiB: Math.max(...group.map((m) => m.tempPeakMiB)),
            outputPerInput: median(group.map((m) => m.outputBytes / m.inputBytes)),
        };
    });
    return summaries.map((summary) => {
        const floor = summaries.find((s) => s.case === summary.case && s.contender === 'floor');
        return floor === undefined
            ? summary
            : {
                  ...summary,
                  wallPerFloor: summary.wallSeconds / floor.wallSeconds,
                  cpuPerFloor: summary.cpuSeconds / floor.cpuSeconds,
              };
    });
}

/** A fixed-width text table of the summaries. */
export function formatTable(summaries: CaseSummary[]): string {
    const header = [
        'case',
        'contender',
        'runs',
        'wall s',
        'cpu s',
        'rows/s',
        'RSS MiB',
        'temp MiB',
        'out/in',
        '×floor wall',
        '×floor cpu',
    ];
    const fixed = (value: number | undefined, digits: number): string =>
        value === undefined ? '' : value.toFixed(digits);
    const rows = summaries.map((s) => [
        s.case,
        s.contender,
        String(s.runs),
        fixed(s.wallSeconds, 2),
        fixed(s.cpuSeconds, 2),
        Math.round(s.rowsPerSecond).toLocaleString('en-US'),
        fixed(s.peakRssMiB, 0),
        fixed(s.tempPeakMiB, 0),
        s.outputPerInput > 0 ? fixed(s.outputPerInput, 2) : '',
        s.contender === 'floor' ? '' : fixed(s.wallPerFloor, 2),
        s.contender === 'floor' ? '' : fixed(s.cpuPerFloor, 2),
    ]);
    const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    return [header, ...rows]
        .map((row) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '))
        .join('\n');
}

import type { Contender, Measurement } from './measure';

/** One measured process in a run, with the case it belongs to (e.g. `ai csv 1000000` or a settings name). */
export interface CaseMeasurement extends Measurement {
    case: string;
    run: number;
}

/** Medians of one contender in one case, and its ratio to the floor that ran on as many threads. */
export interface CaseSummary {
    case: string;
    contender: Contender;
    runs: number;
    rows: number;
    wallSeconds: number;
    /** Smallest and largest wall time of the runs. */
    wallRange: [number, number];
    cpuSeconds: number;
    rowsPerSecond: number;
    peakRssMiB: number;
    /** Output bytes / input bytes (0 for gunzip, which writes nothing). */
    outputPerInput: number;
    /** Median seconds per pipeline stage (hub contenders). */
    stages: Record<string, number>;
    /** This contender's median wall time / its floor's (floor at the CLI's threads, floor-1t for the function). */
    wallPerFloor?: number;
    cpuPerFloor?: number;
}

/** The floor each contender is compared with: the same thread count. */
export const FLOOR_OF: Partial<Record<Contender, Contender>> = {
    process: 'floor',
    'process-off': 'floor',
    'process-full': 'floor',
    transform: 'floor',
    function: 'floor-1t',
    gunzip: 'floor',
};

/** The median of a non-empty list. */
export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? (sorted[middle] ?? NaN)
        : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Medians per case and contender, in the order measured, with ratios to the matching floor where the case has one. */
export function summarize(measurements: CaseMeasurement[]): CaseSummary[] {
    const groups = new Map<string, CaseMeasurement[]>();
    for (const m of measurements) {
        const key = `${m.case}\u0000${m.contender}`;
        groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const summaries = [...groups.values()].map((group): CaseSummary => {
        const first = group[0] as CaseMeasurement;
        const walls = group.map((m) => m.wallSeconds);
        const wallSeconds = median(walls);
        const stageNames = [...new Set(group.flatMap((m) => Object.keys(m.stages)))];
        return {
            case: first.case,
            contender: first.contender,
            runs: group.length,
            rows: first.rows,
            wallSeconds,
            wallRange: [Math.min(...walls), Math.max(...walls)],
            cpuSeconds: median(group.map((m) => m.cpuSeconds)),
            rowsPerSecond: first.rows / wallSeconds,
            peakRssMiB: median(group.map((m) => m.peakRssMiB)),
            outputPerInput: median(group.map((m) => m.outputBytes / m.inputBytes)),
            stages: Object.fromEntries(stageNames.map((s) => [s, median(group.map((m) => m.stages[s] ?? 0))])),
        };
    });
    return summaries.map((summary) => {
        const floorName = FLOOR_OF[summary.contender];
        const floor = summaries.find((s) => s.case === summary.case && s.contender === floorName);
        return floor === undefined
            ? summary
            : {
                  ...summary,
                  wallPerFloor: summary.wallSeconds / floor.wallSeconds,
                  cpuPerFloor: summary.cpuSeconds / floor.cpuSeconds,
              };
    });
}

/** Validation's share of a part's time per case: the default command with validation against without (`off`). */
export function validationOverhead(summaries: CaseSummary[]): { case: string; mode: string; overhead: number }[] {
    return summaries.flatMap((s) => {
        const off = summaries.find((o) => o.case === s.case && o.contender === 'process-off');
        if (off === undefined || (s.contender !== 'process' && s.contender !== 'process-full')) return [];
        const mode = s.contender === 'process' ? 'sample' : 'full';
        return [{ case: s.case, mode, overhead: s.wallSeconds / off.wallSeconds - 1 }];
    });
}

/** A fixed-width text table of the summaries. */
export function formatTable(summaries: CaseSummary[]): string {
    const header = [
        'case',
        'contender',
        'runs',
        'wall s',
        'min–max',
        'cpu s',
        'rows/s',
        'RSS MiB',
        'out/in',
        'validate s',
        'insights s',
        'reconcile s',
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
        `${s.wallRange[0].toFixed(1)}–${s.wallRange[1].toFixed(1)}`,
        fixed(s.cpuSeconds, 2),
        Math.round(s.rowsPerSecond).toLocaleString('en-US'),
        fixed(s.peakRssMiB, 0),
        s.outputPerInput > 0 ? fixed(s.outputPerInput, 2) : '',
        fixed(s.stages.validate, 2),
        fixed(s.stages.insights, 2),
        fixed(s.stages.reconcile, 2),
        fixed(s.wallPerFloor, 2),
        fixed(s.cpuPerFloor, 2),
    ]);
    const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    return [header, ...rows]
        .map((row) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '))
        .join('\n');
}

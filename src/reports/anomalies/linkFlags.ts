import type { Expectations } from './cellImpacts';
import { inSeries } from './inSeries';
import type { DailySeries } from './queryDailySeries';
import type { SeriesFlag } from './seriesFlags';

/**
 * The flags of one currency grouped into events: two flags are one event when they go the same way, fall on the same
 * or consecutive days (or belong to one change of one series), and the cells that moved under them overlap. The
 * cells that moved under a flag are those of its series that went its way by more than twice their own noise that
 * day (the one that moved most when none did, all of them when none moved its way).
 */
export function linkFlags(
    flags: SeriesFlag[],
    cells: DailySeries[],
    expectations: Expectations,
    shiftLag: number,
): SeriesFlag[][] {
    const moved = flags.map((flag) => footprint(flag, cells, expectations));
    const parent = flags.map((_, i) => i);
    const root = (i: number): number => {
        while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
        return i;
    };
    for (let i = 0; i < flags.length; i++) {
        for (let j = i + 1; j < flags.length; j++) {
            const [a, b] = [flags[i] as SeriesFlag, flags[j] as SeriesFlag];
            const sameChange = a.series === b.series && a.metric === b.metric && a.start === b.start;
            // A lasting change shows in its series on the days each can tell it from its own noise: up to a few days
            // apart.
            const apart = a.levelShift && b.levelShift ? shiftLag : 1;
            const together =
                a.direction === b.direction &&
                Math.abs(a.index - b.index) <= apart &&
                [...(moved[i] ?? [])].some((key) => moved[j]?.has(key));
            if (sameChange || together) parent[root(i)] = root(j);
        }
    }
    const groups = new Map<number, SeriesFlag[]>();
    flags.forEach((flag, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), flag]));
    return [...groups.values()];
}

function footprint(flag: SeriesFlag, cells: DailySeries[], expectations: Expectations): Set<string> {
    const sign = flag.direction === 'spike' ? 1 : -1;
    const members = cells
        .filter((cell) => inSeries(flag.series.dimensions, cell.dimensions))
        .map((cell) => {
            const d = expectations.deviation(cell, flag.metric, flag.start, flag.index);
            return { key: cell.key, move: sign * (Number(d.actual) - d.expected), noise: d.noise };
        });
    const clear = members.filter((m) => m.move > 0 && m.move > 2 * m.noise);
    if (clear.length > 0) return new Set(clear.map((m) => m.key));
    const most = members.reduce<(typeof members)[number] | undefined>(
        (a, b) => (!a || b.move > a.move ? b : a),
        undefined,
    );
    return new Set(most && most.move > 0 ? [most.key] : members.map((m) => m.key));
}

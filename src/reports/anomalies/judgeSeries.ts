import { AnomalyParams } from './anomalyParams';
import { seasonalBaseline } from './seasonalBaseline';

/** A day that breaks from its series' baseline, in the series' own units. */
export interface Flag {
    index: number;
    /** The baseline's value for the day. */
    expected: number;
    /** The band outside which a day is flagged: expected × e^(∓ threshold × scale). */
    lower: number;
    upper: number;
    /** |log(actual) − log(expected)| ÷ scale: a robust z-score; ≥ threshold when flagged. */
    score: number;
    direction: 'spike' | 'drop';
}

/**
 * Judges days `from …` of a daily series (null = no value that day) against a baseline built from the days before
 * each one (seasonalBaseline). Returns the flagged days and how many days could be judged.
 */
export function judgeSeries(
    values: readonly (number | null)[],
    weekdays: readonly number[],
    from: number,
    p: AnomalyParams,
): { judged: number; flags: Flag[] } {
    const flags: Flag[] = [];
    let judged = 0;
    for (let t = Math.max(0, from); t < values.length; t++) {
        const y = values[t];
        const baseline = y === null || y === undefined ? undefined : seasonalBaseline(values, weekdays, t, p);
        if (y === null || y === undefined || !baseline) continue;
        judged++;
        const centre = baseline.level + (baseline.season[weekdays[t] ?? 0] ?? 0);
        const z = (Math.log(y + baseline.offset) - centre) / baseline.scale;
        if (Math.abs(z) < p.threshold) continue;
        const band = p.threshold * baseline.scale;
        flags.push({
            index: t,
            expected: Math.exp(centre) - baseline.offset,
            lower: Math.max(0, Math.exp(centre - band) - baseline.offset),
            upper: Math.exp(centre + band) - baseline.offset,
            score: Math.abs(z),
            direction: z > 0 ? 'spike' : 'drop',
        });
    }
    return { judged, flags };
}

import { AnomalyParams } from './anomalyParams';
import type { CompositionBreak } from './compositionBreaks';
import { Baseline, expectedValue, isWeekend, scoreOf, seasonalBaseline } from './seasonalBaseline';

/** A day that breaks from its series' baseline, in the series' own units. */
export interface Flag {
    index: number;
    /** The baseline's value for the day. */
    expected: number;
    /** The band outside which a day is flagged: expected × e^(∓ threshold × scale). */
    lower: number;
    upper: number;
    /**
     * |log(actual) − log(expected)| ÷ scale: a robust z-score; ≥ threshold on the day that started a change, ≥
     * threshold × continueShare on its other days (and on the day before, when the change is dated from it).
     */
    score: number;
    direction: 'spike' | 'drop';
    /** First day of the change the day belongs to (its own index on that first day). */
    start: number;
    /** True on the first day of a change that lasted `shiftDays`: a level shift, whose later days are not flagged. */
    levelShift: boolean;
    /**
     * A level shift's judged days up to the one that made it one (its first day included), with their expected values
     * and scores.
     */
    days?: { index: number; expected: number; score: number }[];
}

/**
 * Judges every day of a daily series (null = no value that day) against a baseline built from the days before it
 * (seasonalBaseline), in order, and returns the flagged days from `from` on with how many of those days could be
 * judged. A day whose score reaches the threshold starts a change (from the day before when that day went
 * `continueShare` of the way already); the days after it continue the change while they stay the same way at least
 * `continueShare` of the threshold from the baseline the change broke from, and on days of the type (weekday or
 * weekend) of its first day `continueShare` of the score that started it: the wobble after a spike does not make it
 * last; one that took up again after days of the other type it left alone, by days short of the threshold only, and did
 * not last, ended before them (those days are judged afresh). A change that lasts `shiftDays` judged days is a level
 * shift: only its first day stays flagged, and from then on the baseline's level is taken from the days since it
 * started, so the new level is the norm. The days of its spikes and drops are left out of later baselines, and so are
 * the days in `skip` (those of the series nested in it: seriesFlags); they are returned as `changed`, from day 0 on.
 */
export function judgeSeries(
    values: readonly (number | null)[],
    weekdays: readonly number[],
    from: number,
    p: AnomalyParams,
    breaks: readonly CompositionBreak[] = [],
    onDay?: (t: number, z: number, base: Baseline) => void,
    skip: Iterable<number> = [],
): { judged: number; flags: Flag[]; changed: number[] } {
    const flags: Flag[] = [];
    const judged = new Set<number>();
    // First days of the series' level shifts, in order.
    const shifts: number[] = [];
    // Days of earlier spikes and drops: left out of later baselines, so one event does not widen the band for the next.
    const flagged = new Set<number>(skip);
    const changed: number[] = [];
    // `alone`: a day of the other type (weekend or weekday) than the change's first day was left alone by it.
    // `size`: the score of the day that started it. `aside`: how many of its days were flagged when it first left a
    // day alone.
    let change:
        | { base: Baseline; sign: number; size: number; flags: Flag[]; alone: boolean; aside?: number }
        | undefined;
    // The days judged outside a change since the last one or the last day that could not be judged, with their scores.
    let recent: Judged[] = [];
    for (let t = 0; t < values.length; t++) {
        const y = values[t];
        if (y === null || y === undefined) continue;
        const weekday = weekdays[t] ?? 0;
        // A weekday the series is not judged on (idle weekends) neither continues nor ends a change.
        if (change && !change.base.used.has(weekday)) continue;
        if (change) {
            const z = scoreOf(change.base, weekday, y);
            onDay?.(t, z, change.base);
            const otherType = isWeekend(weekday) !== isWeekend(weekdays[change.flags[0]?.index ?? t]);
            // A day of the other type shows a change by another share of its usual cost: only the threshold holds there.
            const moves =
                Math.sign(z) === change.sign &&
                Math.abs(z) >= p.continueShare * Math.max(p.threshold, otherType ? 0 : change.size);
            // A change that left days of this type alone does not take up a later move of them its way: that ends it
            // and is a change of its own (a weekend dip, then a service stopping on the Wednesday).
            const fresh = moves && otherType && change.alone;
            const continues = moves && !fresh;
            // A change that began on a weekday (weekend) may leave weekends (weekdays) alone: a weekday-only service
            // that stops, a weekend batch that doubles. A day of the other type that looks normal does not end it.
            const aside = !moves && otherType;
            if (continues || aside) {
                if (t >= from) judged.add(t);
                if (aside) {
                    change.alone = true;
                    change.aside ??= change.flags.length;
                    continue;
                }
                change.flags.push(flagOf(t, z, change.base, weekday, change.flags[0]?.index ?? t, p));
                if (change.flags.length >= p.shiftDays) {
                    const [first] = change.flags;
                    const days = change.flags.map((f) => ({ index: f.index, expected: f.expected, score: f.score }));
                    if (first) flags.push({ ...first, levelShift: true, days });
                    shifts.push(first?.index ?? t);
                    change = undefined;
                }
                continue;
            }
            // A change that ends before it is a level shift, and took up again after days it left alone only by days
            // short of the threshold, ended before those days (a weekend's drop, a normal week, then a Saturday a little
            // low): the days after are judged afresh.
            const rejoined = change.flags.slice(change.aside ?? change.flags.length);
            const weak = rejoined.length > 0 && rejoined.every((f) => f.score < p.threshold);
            const kept = weak ? change.flags.slice(0, change.aside) : change.flags;
            const after = weak ? rejoined[0] : undefined;
            flags.push(...kept);
            for (const f of kept) flagged.add(f.index);
            changed.push(...kept.map((f) => f.index));
            change = undefined;
            if (after) {
                t = after.index - 1;
                recent = [];
                continue;
            }
        }
        const steps = breaks.filter((b) => b.known <= t).map((b) => b.day);
        const base = seasonalBaseline(values, weekdays, t, p, shifts, flagged, steps);
        if (!base) {
            recent = [];
            continue;
        }
        if (t >= from) judged.add(t);
        const z = scoreOf(base, weekday, y);
        onDay?.(t, z, base);
        if (Math.abs(z) >= p.threshold && !(base.intermittent && z < 0)) {
            const before = leadIn(recent, { t, z, base }, p);
            const first = before[0]?.t ?? t;
            change = {
                base,
                sign: Math.sign(z),
                size: Math.abs(z),
                flags: [...before, { t, z, base }].map((d) => flagOf(d.t, d.z, d.base, weekdays[d.t] ?? 0, first, p)),
                alone: false,
            };
            recent = [];
        } else recent = [...recent.slice(1 - p.shiftDays), { t, z, base }];
    }
    if (change) flags.push(...change.flags);
    return { judged: judged.size, flags: flags.filter((f) => f.index >= from), changed };
}

/** A judged day: its index, score and the baseline it was judged against. */
interface Judged {
    t: number;
    z: number;
    base: Baseline;
}

/**
 * The days just before a change's first flagged day that belong to it: back from the day before, while each went its
 * way at least as far as a change continues and, in log units, half as far as the flagged day (a weekend day's wider
 * noise does not cut off a change that began on it): a change that set in late that day, or on a weekend before a
 * working day shows it clearly, is reported from when it began.
 */
function leadIn(recent: Judged[], day: Judged, p: AnomalyParams): Judged[] {
    const move = Math.abs(day.z) * day.base.scale;
    let k = recent.length;
    while (k > 0) {
        const d = recent[k - 1] as Judged;
        const joins =
            Math.sign(d.z) === Math.sign(day.z) &&
            Math.abs(d.z) >= p.continueShare * p.threshold &&
            Math.abs(d.z) * d.base.scale >= p.continueShare * move;
        if (!joins) break;
        k--;
    }
    return recent.slice(k);
}

function flagOf(index: number, z: number, base: Baseline, weekday: number, start: number, p: AnomalyParams): Flag {
    const expected = expectedValue(base, weekday);
    const band = p.threshold * base.scale;
    return {
        index,
        expected,
        lower: Math.max(0, (expected + base.offset) * Math.exp(-band) - base.offset),
        upper: (expected + base.offset) * Math.exp(band) - base.offset,
        score: Math.abs(z),
        direction: z > 0 ? 'spike' : 'drop',
        start,
        levelShift: false,
    };
}

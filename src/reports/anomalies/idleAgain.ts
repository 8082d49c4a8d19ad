import type { DailySeries } from './queryDailySeries';

/** Weeks before a drop in which a finest series' earlier idle days are looked for. */
const LOOK_BACK_DAYS = 56;

/**
 * Whether every one of `cells` had no cost on days `first … last`, and had gone idle before: on some day of the 8 weeks
 * before, after its first cost, on a weekday it worked on at least half the time (a weekend off is no idle day). A
 * drop to nothing of finest series that go idle now and then is them going idle again, not an event.
 */
export function idleAgain(
    cells: DailySeries[],
    days: { first: number; last: number },
    weekdays: readonly number[],
): boolean {
    const { first, last } = days;
    return (
        cells.length > 0 &&
        cells.every((cell) => {
            const cost = (t: number) => Number(cell.effectiveCost[t] ?? 0);
            for (let t = first; t <= last; t++) if (cost(t) !== 0) return false;
            const from = Math.max(0, first - LOOK_BACK_DAYS);
            let begun = from;
            while (begun < first && cost(begun) === 0) begun++;
            const window = Array.from({ length: first - begun }, (_, k) => begun + k);
            const works = (weekday: number) => {
                const same = window.filter((t) => weekdays[t] === weekday);
                return same.filter((t) => cost(t) !== 0).length * 2 >= same.length;
            };
            return window.some((t) => cost(t) === 0 && works(weekdays[t] ?? 0));
        })
    );
}

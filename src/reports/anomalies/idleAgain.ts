import type { DailySeries } from './queryDailySeries';

/**
 * Whether every one of `cells` had no cost on days `first … last`, and had gone idle before: on some day of the
 * `lookBack` days before (the detector's window), after its first cost, on a weekday it worked on at least half the time
 * (a weekend off is no idle day). A drop to nothing of finest series that go idle now and then is them going idle
 * again, not an event.
 */
export function idleAgain(
    cells: DailySeries[],
    days: { first: number; last: number; lookBack: number },
    weekdays: readonly number[],
): boolean {
    const { first, last, lookBack } = days;
    return (
        cells.length > 0 &&
        cells.every((cell) => {
            const cost = (t: number) => Number(cell.effectiveCost[t] ?? 0);
            for (let t = first; t <= last; t++) if (cost(t) !== 0) return false;
            let begun = Math.max(0, first - lookBack);
            while (begun < first && cost(begun) === 0) begun++;
            // Per weekday (0 = Sunday): days seen, and days with cost.
            const [seen, used] = [new Array<number>(7).fill(0), new Array<number>(7).fill(0)];
            for (let t = begun; t < first; t++) {
                const w = weekdays[t] ?? 0;
                seen[w] = (seen[w] ?? 0) + 1;
                if (cost(t) !== 0) used[w] = (used[w] ?? 0) + 1;
            }
            const works = (w: number) => (used[w] ?? 0) * 2 >= (seen[w] ?? 0);
            for (let t = begun; t < first; t++) if (cost(t) === 0 && works(weekdays[t] ?? 0)) return true;
            return false;
        })
    );
}

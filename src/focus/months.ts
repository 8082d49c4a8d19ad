/** `YYYY-MM` months and their days, in UTC. */

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: string, delta: number): string {
    const [year = 0, mm = 1] = month.split('-').map(Number);
    const index = year * 12 + (mm - 1) + delta;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last day (`YYYY-MM-DD`) of a month. */
export function monthBounds(month: string): { first: string; last: string } {
    const [year = 0, mm = 1] = month.split('-').map(Number);
    const days = new Date(Date.UTC(year, mm, 0)).getUTCDate();
    return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

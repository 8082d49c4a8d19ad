import { CorpusCell, CorpusEvent, CorpusHistory, corpusRows } from '../../helpers/anomalyCorpus';

/**
 * Checks the corpus generator's sizing rule empirically: for each event, the largest ratio, over the series the
 * detector watches that hold its cells, of its move on its first day (log of cost with ÷ without it, same noise draws)
 * to that series' noise (sd of the log of its cost ÷ its noiseless cost on the 28 days of the same type before, with
 * the persistent events before it). Price changes: the model's cost per 1M tokens, over the prices in force.
 */
export function eventSizing(history: CorpusHistory): { event: CorpusEvent; ratio: number; series: string }[] {
    const columns = [
        ['x_ModelId', 'x_TokenDirection', 'x_DeploymentType'],
        ['x_TagCostCenter'],
        ['x_TagApplication'],
        ['x_TagEnvironment'],
    ];
    const weekendOf = (d: number) => (d + 4) % 7 === 0 || (d + 4) % 7 === 6;
    return history.events.map((event) => {
        const before = history.events.filter(
            (e) => e !== event && e.day < event.day && (e.kind === 'levelShift' || e.kind === 'priceChange'),
        );
        const sums = (events: CorpusEvent[]) => {
            const cost = new Map<string, number>();
            const tokens = new Map<string, number>();
            for (const r of corpusRows({ ...history, events })) {
                const k = `${r.cell}|${Date.parse(r.date) / 86_400_000 - Date.parse(history.start) / 86_400_000}`;
                cost.set(k, (cost.get(k) ?? 0) + Number(r.cost));
                tokens.set(k, (tokens.get(k) ?? 0) + r.tokens);
            }
            return { cost, tokens };
        };
        const without = sums(before);
        const withIt = sums([...before, event]);
        const first = history.cells[event.cells[0] ?? 0];
        const groups = columns
            .filter((keys) =>
                event.cells.every((id) =>
                    keys.every(
                        (k) =>
                            (history.cells[id]?.dimensions as Record<string, unknown>)[k] ===
                            (first?.dimensions as Record<string, unknown>)[k],
                    ),
                ),
            )
            .map((keys) => ({
                name: keys.join('+'),
                cells: history.cells.filter((c) =>
                    keys.every(
                        (k) =>
                            (c.dimensions as Record<string, unknown>)[k] ===
                            (first?.dimensions as Record<string, unknown>)[k],
                    ),
                ),
            }));
        const watched = [{ name: 'all', cells: history.cells }, ...groups].filter(
            (g) => event.kind !== 'priceChange' || g.name.startsWith('x_ModelId'),
        );
        const expectedOf = (id: number, d: number) => {
            const c = history.cells[id];
            if (!c || d < c.from || d > c.to) return 0;
            const wk = weekendOf(d) ? c.weekend : 1;
            const f = before.filter((e) => e.cells.includes(id) && d >= e.day).reduce((p, e) => p * e.factor, 1);
            return c.level * Math.exp(c.trend * d) * wk * (1 - 0.75 * c.cachedShare) * f;
        };
        // The price changes before it, in force on day d (a model's cells share its price).
        const priceOf = (cells: CorpusCell[], d: number) =>
            before
                .filter((e) => e.kind === 'priceChange' && d >= e.day && cells.some((c) => e.cells.includes(c.id)))
                .reduce((p, e) => p * e.factor, 1);
        let best = { ratio: 0, series: '' };
        for (const g of watched) {
            const value = (m: ReturnType<typeof sums>, d: number) => {
                const cost = g.cells.reduce((s, c) => s + (m.cost.get(`${c.id}|${d}`) ?? 0), 0);
                if (event.kind !== 'priceChange') return cost;
                return (
                    cost /
                    Math.max(
                        1,
                        g.cells.reduce((s, c) => s + (m.tokens.get(`${c.id}|${d}`) ?? 0), 0),
                    )
                );
            };
            const logs: number[] = [];
            for (let d = event.day - 28; d < event.day; d++) {
                if (weekendOf(d) !== weekendOf(event.day)) continue;
                const expected = g.cells.reduce((s, c) => s + expectedOf(c.id, d), 0);
                const v = value(without, d);
                if (expected > 0 && v > 0)
                    logs.push(Math.log(event.kind === 'priceChange' ? v / priceOf(g.cells, d) : v / expected));
            }
            const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
            const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
            const move = Math.abs(Math.log(value(withIt, event.day) / value(without, event.day)));
            if (move / sd > best.ratio) best = { ratio: move / sd, series: g.name };
        }
        return { event, ...best };
    });
}

import { CorpusCell, corpusHistory, corpusRows, costOn, noiseOf } from '../../helpers/anomalyCorpus';

/**
 * The corpus sizes each event at 9–13 × the noise it models for the series the detector watches (noiseOf), so that
 * noise must be the series' real one: the sd of the log of its cost on one day across independent noise draws, whatever
 * the series mixes (log-normal, heavy-tailed and additive noise, intermittent finest series, cached inputs, weekends).
 */
const SEEDS = [1, 2, 3, 4];
const DRAWS = 100;
/** A week: five weekdays and a weekend. */
const DAYS = [35, 36, 37, 38, 39, 40, 41];

/** All AI cost, each model, each tag value: the series the detector watches. */
function watchedSeries(cells: CorpusCell[]): CorpusCell[][] {
    const groups = new Map<string, CorpusCell[]>();
    for (const c of cells) {
        const d = c.dimensions;
        const keys = ['all', `model ${d.x_ModelId} ${d.x_TokenDirection} ${d.x_DeploymentType}`];
        keys.push(`cost center ${d.x_TagCostCenter}`, `application ${d.x_TagApplication}`, `env ${d.x_TagEnvironment}`);
        for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.values()];
}

const quantile = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))] ?? Number.NaN;

describe('the corpus noise model', () => {
    it('is the sd of each watched series across noise draws of one day', () => {
        const ratios: number[] = [];
        for (const seed of SEEDS) {
            // Cut after the last day looked at, without events: only the noise draws differ.
            const history = { ...corpusHistory(seed), events: [], days: Math.max(...DAYS) + 1 };
            const dayOf = new Map(
                DAYS.map((d) => [new Date(Date.parse(history.start) + d * 86_400_000).toISOString().slice(0, 10), d]),
            );
            const draws = Array.from({ length: DRAWS }, (_, r) => {
                const cost = new Map<string, number>();
                for (const row of corpusRows({ ...history, seed: 1000 * seed + r })) {
                    const day = dayOf.get(row.date);
                    if (day === undefined) continue;
                    cost.set(`${row.cell} ${day}`, (cost.get(`${row.cell} ${day}`) ?? 0) + Number(row.cost));
                }
                return cost;
            });
            for (const series of watchedSeries(history.cells)) {
                for (const day of DAYS) {
                    const cells = series.filter((c) => c.from <= day && c.to >= day && costOn(c, day, []) > 0);
                    const logs = draws
                        .map((cost) => cells.reduce((sum, c) => sum + (cost.get(`${c.id} ${day}`) ?? 0), 0))
                        .filter((total) => total > 0)
                        .map(Math.log);
                    if (cells.length === 0 || logs.length < DRAWS / 4) continue;
                    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
                    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
                    ratios.push(sd / noiseOf(cells, (c) => costOn(c, day, []), day));
                }
            }
        }
        ratios.sort((a, b) => a - b);
        // An sd from 100 draws has a standard error of 7 % (more with heavy tails): its 10th to 90th percentile spread
        // about ±10 % even when the model is exact.
        expect(ratios.length).toBeGreaterThan(200);
        expect(quantile(ratios, 0.5)).toBeGreaterThan(0.95);
        expect(quantile(ratios, 0.5)).toBeLessThan(1.05);
        expect(quantile(ratios, 0.1)).toBeGreaterThan(0.85);
        expect(quantile(ratios, 0.9)).toBeLessThan(1.2);
    });
});

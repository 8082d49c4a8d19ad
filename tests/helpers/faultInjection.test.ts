import { equivalentPoints, faultTier, kindOf, MODES, pointsToRun, samplePoints } from './faultInjection';

// The two tiers of the fault matrices (FAULT_POINTS): `all` runs every point, `sample` a fixed, stratified part.

/** A publish as the fault matrices see it: reads, a lease, staging writes, then a three-phase swap per dataset. */
const swap = (dataset: string) => [
    `runs.putLease(Costs/2026-10 ${dataset} children)`,
    `ingestion.listFolders(${dataset}/2026/10)`,
    `ingestion.moveFolder(${dataset}/2026/10/child)`,
    `runs.putLease(Costs/2026-10 ${dataset} retire)`,
    `ingestion.writeText(_staging/${dataset}/manifest.json)`,
    `ingestion.moveFolder(${dataset}/2026/10)`,
    `runs.putLease(Costs/2026-10 ${dataset} install)`,
    `ingestion.moveFolder(_staging/${dataset})`,
    'runs.putPublication()',
];
const CALLS = [
    'runs.getRun()',
    'runs.getLease(Costs/2026-10)',
    'runs.putLease(Costs/2026-10 no swap)',
    'runs.updateRun()',
    ...['a', 'b', 'c', 'd', 'e'].flatMap((part) => [`ingestion.copy(${part})`, `ingestion.writeText(${part})`]),
    'runs.updateRun()',
    ...['Costs', 'AIUnitEconomics', 'AIAccountCosts'].flatMap(swap),
    'runs.putLease(Costs/2026-10 no swap)',
    'runs.updateRun()',
    'runs.deleteLease(Costs/2026-10)',
    'ingestion.deleteFolder(_staging)',
];

describe('fault points', () => {
    const points = equivalentPoints(CALLS);

    it('runs every point with FAULT_POINTS=all', () => {
        expect(pointsToRun(points, 'all')).toEqual({ run: points, says: `all ${points.length} points` });
    });

    it('samples the first and last points, every kind of call in every mode and in every swap phase', () => {
        const sample = samplePoints(points);
        expect(sample[0]).toEqual(points[0]);
        expect(sample.at(-1)).toEqual(points.at(-1));
        const strata = (list: typeof points) => new Set(list.map((p) => `${kindOf(p.call)} ${p.mode}`));
        expect(strata(sample)).toEqual(strata(points));
        for (const phase of ['children', 'retire', 'install'])
            expect(sample.filter((p) => p.call.includes(` ${phase})`)).length).toBeGreaterThan(0);
        // Each phase's moves: some move of each phase is faulted, in one mode or the other.
        const moves = sample.filter((p) => kindOf(p.call) === 'ingestion.moveFolder').map((p) => p.call);
        expect(moves.some((call) => call.endsWith('/child)'))).toBe(true);
        expect(moves.some((call) => /\w\/2026\/10\)$/.test(call))).toBe(true);
        expect(moves.some((call) => call.includes('(_staging/'))).toBe(true);
    });

    it('samples about a third of the points, in schedule order, the same every time', () => {
        const sample = samplePoints(points);
        expect(sample.length).toBeGreaterThanOrEqual(Math.ceil(points.length / 3));
        expect(sample.length).toBeLessThan(points.length / 2);
        expect(sample).toEqual(points.filter((p) => sample.includes(p)));
        expect(samplePoints(points)).toEqual(sample);
        const { run, says } = pointsToRun(points, 'sample');
        expect(run).toEqual(sample);
        expect(says).toBe(`${sample.length} of ${points.length} points (sample: FAULT_POINTS=all runs every one)`);
    });

    it('keeps matrices of a few points whole, and samples points with no call by their order', () => {
        const few = MODES.map((mode, i) => ({ at: i + 1, mode, call: 'runs.updateRun()' }));
        expect(samplePoints(few)).toEqual(few);
        const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((seed) => ({ seed, mode: 'race', call: '' }));
        expect(samplePoints(seeds).map((p) => p.seed)).toEqual([1, 5, 9]);
        expect(samplePoints([])).toEqual([]);
    });

    it('reads the tier from FAULT_POINTS: sample when unset, and refuses anything but all or sample', () => {
        // The settings are passed in: the run itself may have FAULT_POINTS set (CI sets it to all).
        const tiers = [{}, { FAULT_POINTS: '' }, { FAULT_POINTS: 'sample' }, { FAULT_POINTS: 'all' }].map((env) =>
            faultTier(env),
        );
        expect(tiers).toEqual(['sample', 'sample', 'sample', 'all']);
        expect(() => faultTier({ FAULT_POINTS: 'ALL' })).toThrow(
            'FAULT_POINTS is "ALL": it must be all (every fault point) or sample',
        );
    });
});

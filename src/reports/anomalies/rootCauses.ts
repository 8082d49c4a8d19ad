import { REPORTED_TAG_COLUMNS } from '../../focus/datasets/costs/tagAliases';
import { decimalSum } from '../../focus/decimalSum';
import { AnomalyParams } from './anomalyParams';
import type { RootCause } from './incident';

/** What one finest series contributed to an incident. */
export interface CellImpact {
    dimensions: Record<string, string | null>;
    /** Σ (actual − expected) over the incident's days: exact decimal text, money. */
    impact: string;
    /**
     * The same as a number, its expected cost, and how far that sum may be off by the cell's own noise and the
     * expectation's own error (money).
     */
    deviation: number;
    expected: number;
    noise: number;
    /**
     * Per day of the incident: deviation, expected cost and the cell's own noise (money), and the share of its expected
     * cost the expectation itself may be off by (over any run of days).
     */
    days: { deviation: number; expected: number; noise: number }[];
    errorShare: number;
}

/**
 * What root causes are told apart by, in the order their dimensions are written: a model series (model × direction ×
 * deployment, as the detector judges it), and each cost-allocation tag.
 */
export const ROOT_CAUSE_COLUMNS: readonly (readonly string[])[] = [
    ['x_ModelId', 'x_TokenDirection', 'x_DeploymentType'],
    ...REPORTED_TAG_COLUMNS.map((column) => [column]),
];

/** How much worse (a chi-square) a finer series may fit than a coarser one holding it, and still be preferred. */
const FINER = 4;

/** A series that may be a cause: its dimensions, the cells it holds, and their least-squares sums (see fit). */
interface Candidate {
    dimensions: Record<string, string | null>;
    cells: number[];
    sums: Sums;
}

interface Sums {
    /** Σ d²/s², Σ d·u/s², Σ u²/s² over cells with deviation d, expected change u and spread s. */
    a: number;
    b: number;
    c: number;
    deviation: number;
    noise2: number;
}

/**
 * The finest series that explain an incident, largest share first, and the incident's impact (their sum). The cells'
 * deviations over the incident's days are explained as each changed series having changed by its own rate (its cells
 * deviate in proportion to their expected cost; a new cell by its cost) and everything else not at all, weighted by
 * each cell's noise (least squares). Changed series are added one at a time, the series (a model, a tag value, or a
 * combination down to a single cell) that lowers the misfit most, while it lowers it by at least `rootCauseGain`, or
 * the smallest part of it that fits almost as well (within FINER); of series holding the same cells, the one named by
 * fewest columns; only series all of whose cells the incident was `seen` in may be chosen (the others are fitted as
 * unchanged). Those that changed the incident's way (`sign`) are its causes; a change the other way at the same
 * time (a service moving from one model to another) is explained too, so it does not bend the fit. A spike in one
 * model of one cost center ends at that model and cost center; a price change of a model across every team ends at
 * the model; a change of everything in proportion ends at all AI cost (`{}`). The impact of each cause is counted
 * over `counted` (the same cells over a longer span: a level shift's every day of its month); a cause whose counted
 * impact went the other way, or that moved less than `minCauseScore` times its own noise, is dropped. `score` is how
 * far the strongest cause moved, in units of its noise.
 */
export function rootCauses(
    cells: CellImpact[],
    counted: CellImpact[],
    incident: { sign: number; seen?: (cell: CellImpact) => boolean },
    p: AnomalyParams,
): { impact: string; rootCauses: RootCause[]; score: number } {
    const { sign, seen = () => true } = incident;
    const visible = cells.map(seen);
    const terms = cells.map(termsOf);
    const all = sum(
        terms.map((_, i) => i),
        terms,
    );
    const chosen: Candidate[] = [];
    const taken = new Set<number>();
    let misfit = fit(all, []);
    const candidates = candidatesOf(cells, terms);
    while (chosen.length < p.maxRootCauses) {
        let best: { candidate: Candidate; misfit: number } | undefined;
        for (const candidate of candidates) {
            if (candidate.cells.some((i) => taken.has(i) || !visible[i])) continue;
            const trial = fit(all, [...chosen, candidate]);
            if (!best || trial < best.misfit) best = { candidate, misfit: trial };
        }
        if (!best || misfit - best.misfit < p.rootCauseGain) break;
        // The finest series that explains as well: a part of the best one whose fit is within FINER of it.
        const coarse = best;
        for (const candidate of candidates) {
            const cells = candidate.cells;
            const part =
                cells.length < best.candidate.cells.length && cells.every((i) => coarse.candidate.cells.includes(i));
            if (!part) continue;
            const trial = fit(all, [...chosen, candidate]);
            if (trial - coarse.misfit <= FINER) best = { candidate, misfit: trial };
        }
        chosen.push(best.candidate);
        for (const i of best.candidate.cells) taken.add(i);
        misfit = best.misfit;
    }
    // Each cause must have moved beyond its own noise; the incident's score is its strongest cause's.
    // With no series chosen, all of them together is the cause, when the incident was seen in all of them.
    const everything = visible.every(Boolean) ? [{ dimensions: {}, cells: terms.map((_, i) => i), sums: all }] : [];
    const scored = (chosen.length > 0 ? chosen : everything).map((cause) => ({
        ...cause,
        score: causeScore(
            cause.cells.map((i) => cells[i]),
            sign,
        ),
    }));
    const score = Math.max(0, ...scored.map((cause) => cause.score));
    const impactOf = new Map(counted.map((c) => [JSON.stringify(c.dimensions), c.impact]));
    const impacts = scored
        .filter((cause) => cause.score >= p.minCauseScore)
        .map((cause) => ({
            dimensions: cause.dimensions,
            impact: decimalSum(cause.cells.map((i) => impactOf.get(JSON.stringify(cells[i]?.dimensions)) ?? '0')),
        }))
        .filter((cause) => Math.sign(Number(cause.impact)) === sign);
    const impact = decimalSum(impacts.map((i) => i.impact));
    const whole = Number(impact);
    const ranked = impacts
        .map((i) => ({ ...i, share: whole === 0 ? 0 : Math.round((Number(i.impact) / whole) * 1000) / 1000 }))
        .sort((a, b) => b.share - a.share);
    return { impact, rootCauses: ranked, score };
}

/**
 * How far the cause cells moved the incident's way in units of their noise, on a log scale (as the detector scores
 * days): |ln(actual ÷ expected)| ÷ their relative noise, so a drop of 90 % weighs as a rise of ×10. Scored over the run
 * of the incident's days on which they moved most: an incident's days are those of every series linked to it, and a
 * cause that moved on two of them is not diluted by the others' noise.
 */
function causeScore(cells: (CellImpact | undefined)[], sign: number): number {
    const present = cells.filter((cell): cell is CellImpact => cell !== undefined);
    const length = present[0]?.days.length ?? 0;
    let best = 0;
    for (let first = 0; first < length; first++) {
        // Over days first … last: each cell's expected cost (its expectation's error grows with it), and the sums.
        const own = new Float64Array(present.length);
        let deviation = 0;
        let noise2 = 0;
        for (let last = first; last < length; last++) {
            let expected = 0;
            let error2 = 0;
            present.forEach((cell, k) => {
                const d = cell.days[last];
                deviation += d?.deviation ?? 0;
                noise2 += (d?.noise ?? 0) ** 2;
                own[k] = (own[k] ?? 0) + (d?.expected ?? 0);
                expected += own[k] ?? 0;
                error2 += (cell.errorShare * (own[k] ?? 0)) ** 2;
            });
            best = Math.max(best, logScore(expected, deviation, Math.sqrt(noise2 + error2), sign));
        }
    }
    return best;
}

/** |ln(actual ÷ expected)| ÷ the relative noise: 0 the other way, infinite from nothing expected. */
function logScore(expected: number, deviation: number, noise: number, sign: number): number {
    if (sign * deviation <= 0) return 0;
    if (expected <= 0) return Number.POSITIVE_INFINITY;
    const ratio = Math.max(expected + deviation, expected / 100) / expected;
    return Math.abs(Math.log(ratio)) / Math.log1p(Math.max(noise / expected, 1e-9));
}

/** A cell's least-squares terms: expected change u is its expected cost, or its cost when it expected none. */
function termsOf(cell: CellImpact): Sums {
    const u = cell.expected > 0 ? cell.expected : Math.abs(cell.deviation);
    const s2 = cell.noise ** 2 + 1e-12;
    return {
        a: cell.deviation ** 2 / s2,
        b: (cell.deviation * u) / s2,
        c: u ** 2 / s2,
        deviation: cell.deviation,
        noise2: cell.noise ** 2,
    };
}

function sum(indices: number[], terms: Sums[]): Sums {
    const total: Sums = { a: 0, b: 0, c: 0, deviation: 0, noise2: 0 };
    for (const i of indices) {
        const t = terms[i];
        if (!t) continue;
        total.a += t.a;
        total.b += t.b;
        total.c += t.c;
        total.deviation += t.deviation;
        total.noise2 += t.noise2;
    }
    return total;
}

/**
 * Weighted least-squares misfit of each changed series changing by its own best rate r and the rest not at all. A series
 * that rose has the noise of its new level: its cells' misfit around that rate counts ÷ (1 + r)², so a model that rose
 * ×4 for every team, each off the common rate by its own relative noise, is one cause and not its least noisy teams one
 * by one; a drop keeps the noise of the level before (its floor and the expectation's own error do not shrink with it).
 */
function fit(all: Sums, causes: Candidate[]): number {
    let misfit = all.a;
    for (const { sums } of causes) {
        if (sums.c <= 0) continue;
        const own = sums.a - (sums.b * sums.b) / sums.c;
        const widen = Math.max(1, 1 + sums.b / sums.c);
        misfit += own / widen ** 2 - sums.a;
    }
    return misfit;
}

/**
 * Every series the cells can be grouped into: all of them (`{}`), and each combination of ROOT_CAUSE_COLUMNS with the
 * values cells have; of combinations holding the same cells, the one named by the fewest columns.
 */
function candidatesOf(cells: CellImpact[], terms: Sums[]): Candidate[] {
    const groups = new Map<string, { dimensions: Record<string, string | null>; cells: number[]; size: number }>();
    for (let mask = 0; mask < 1 << ROOT_CAUSE_COLUMNS.length; mask++) {
        const columns = ROOT_CAUSE_COLUMNS.filter((_, k) => mask & (1 << k));
        cells.forEach((cell, i) => {
            const dimensions = Object.fromEntries(columns.flat().map((key) => [key, cell.dimensions[key] ?? null]));
            const key = JSON.stringify(dimensions);
            const group = groups.get(key) ?? { dimensions, cells: [], size: columns.length };
            group.cells.push(i);
            groups.set(key, group);
        });
    }
    const bySet = new Map<string, { dimensions: Record<string, string | null>; cells: number[]; size: number }>();
    for (const group of groups.values()) {
        const key = group.cells.join(',');
        const seen = bySet.get(key);
        if (!seen || group.size < seen.size) bySet.set(key, group);
    }
    return [...bySet.values()].map((g) => ({ dimensions: g.dimensions, cells: g.cells, sums: sum(g.cells, terms) }));
}

import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The held-out corpus the anomaly detector is measured on: generated daily AI cost histories of one scope each, at
 * the grain of the AIUnitEconomics rows (model × direction × deployment × tags, per day), with injected events whose
 * series and day are known. Each history draws its own noise shape and level per series, weekday seasonality, trend,
 * intermittent series (missing days), series that start or stop part-way, and events at every dimension level: one
 * tag combination of a model, a whole model, a tag value across models, or all AI cost.
 */

export type NoiseShape = 'lognormal' | 'heavyTailed' | 'additive';
export type CorpusEventKind = 'spike' | 'drop' | 'levelShift' | 'priceChange';

/** One finest series: a model × direction × deployment used under one combination of tag values. */
export interface CorpusCell {
    id: number;
    dimensions: {
        x_ModelId: string;
        x_TokenDirection: string;
        x_DeploymentType: string;
        x_TagCostCenter: string | null;
        x_TagApplication: string | null;
        x_TagEnvironment: string | null;
    };
    /** Weekday cost in USD at the start, before noise. */
    level: number;
    /** Price per 1M uncached tokens; cached input tokens cost a quarter of it. */
    price: number;
    /** Share of input tokens read from the cache (0 for output). */
    cachedShare: number;
    noise: NoiseShape;
    /** Noise level: standard deviation in log units (lognormal, heavy-tailed) or as a share of the level (additive). */
    sigma: number;
    /** Saturday and Sunday factor (0: idle at weekends). */
    weekend: number;
    /** Daily growth in log units. */
    trend: number;
    /** Probability that the series has usage on a given day (below 1: intermittent). */
    density: number;
    /** First and last day with usage (a series may start or stop part-way). */
    from: number;
    to: number;
}

/** An injected event: usage × factor on `days` days from `day` (spike, drop), or from `day` on; or price × factor. */
export interface CorpusEvent {
    kind: CorpusEventKind;
    day: number;
    days: number;
    factor: number;
    /** The series it was injected in: dimension values, as the detector's root causes name them. */
    series: Record<string, string | null>;
    /** Cells of that series. */
    cells: number[];
}

export interface CorpusHistory {
    seed: number;
    start: string;
    days: number;
    cells: CorpusCell[];
    events: CorpusEvent[];
}

/** Small deterministic PRNG (mulberry32), so histories are the same on every machine. */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const MODELS: [string, string, string, number][] = [
    // model, direction, deployment, price per 1M tokens
    ['gpt-4o', 'Input', 'Global', 2.5],
    ['gpt-4o', 'Output', 'Global', 10],
    ['gpt-4.1', 'Input', 'Global', 2],
    ['gpt-4.1', 'Output', 'Global', 8],
    ['gpt-4.1-mini', 'Input', 'DataZone', 0.44],
    ['o3', 'Output', 'Global', 8],
    ['gpt-5', 'Input', 'Global', 1.25],
    ['text-embedding-3-large', 'Input', 'Global', 0.13],
];
const TAGS: [string | null, string | null, string | null][] = [
    // cost center, application, environment
    ['cc-100', 'chat', 'prod'],
    ['cc-100', 'search', 'prod'],
    ['cc-200', 'agents', 'prod'],
    ['cc-200', 'agents', 'dev'],
    ['cc-300', 'research', 'dev'],
    [null, null, null],
];

/** Days judged: the detector needs 4 weeks of history, and events start after 5. */
export const FIRST_EVENT_DAY = 35;

/** A history of `days` days (from 2026-01-01): 4–6 models, 1–3 tag combinations each, 5–8 injected events. */
export function corpusHistory(seed: number, days = 120): CorpusHistory {
    const next = random(seed);
    const between = (low: number, high: number) => low + (high - low) * next();
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const models = [...MODELS].sort(() => next() - 0.5).slice(0, 4 + Math.floor(next() * 3));
    const weekendOf = new Map(TAGS.map((t) => [t[1], next() < 0.2 ? 0 : between(0.2, 1)]));
    const cells: CorpusCell[] = [];
    for (const [model, direction, deployment, price] of models) {
        const modelLevel = Math.exp(between(Math.log(20), Math.log(1500)));
        const tags = [...TAGS].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 3));
        const shares = tags.map(() => between(0.2, 1));
        const cachedShare = direction === 'Input' && next() < 0.6 ? between(0.1, 0.5) : 0;
        for (const [i, [costCenter, application, environment]] of tags.entries()) {
            const noise = pick(['lognormal', 'heavyTailed', 'additive'] as const);
            const intermittent = next() < 0.12;
            cells.push({
                id: cells.length,
                dimensions: {
                    x_ModelId: model,
                    x_TokenDirection: direction,
                    x_DeploymentType: deployment,
                    x_TagCostCenter: costCenter,
                    x_TagApplication: application,
                    x_TagEnvironment: environment,
                },
                level: (modelLevel * (shares[i] ?? 1)) / shares.reduce((a, b) => a + b, 0),
                price,
                cachedShare,
                noise,
                sigma: Math.exp(between(Math.log(0.03), Math.log(noise === 'additive' ? 0.2 : 0.3))),
                weekend: weekendOf.get(application) ?? 1,
                trend: between(-0.003, 0.006),
                density: intermittent ? between(0.5, 0.85) : 1,
                from: 0,
                to: days - 1,
            });
        }
    }
    // One series in four starts or stops part-way (a new deployment, a retired one): structural, not injected.
    for (const cell of cells) {
        const roll = next();
        if (roll < 0.12) cell.from = Math.floor(between(20, days - 10));
        else if (roll < 0.25) cell.to = Math.floor(between(FIRST_EVENT_DAY, days - 5));
    }
    return { seed, start: '2026-01-01', days, cells, events: injectEvents(cells, days, next) };
}

/** Targets an event may hit: a cell, a model (all its cells), a tag value, or all AI cost. */
function targets(cells: CorpusCell[]): { series: Record<string, string | null>; cells: number[] }[] {
    const groups = new Map<string, { series: Record<string, string | null>; cells: number[] }>();
    const add = (series: Record<string, string | null>, cell: CorpusCell) => {
        const key = JSON.stringify(series);
        const group = groups.get(key) ?? { series, cells: [] };
        group.cells.push(cell.id);
        groups.set(key, group);
    };
    for (const cell of cells) {
        const d = cell.dimensions;
        const model = {
            x_ModelId: d.x_ModelId,
            x_TokenDirection: d.x_TokenDirection,
            x_DeploymentType: d.x_DeploymentType,
        };
        add({ ...d }, cell);
        add(model, cell);
        add({ x_TagCostCenter: d.x_TagCostCenter }, cell);
        add({ x_TagApplication: d.x_TagApplication }, cell);
        add({}, cell);
    }
    // A target equal to a finer one (a model used under one tag combination only) is that finer target.
    const seen = new Set<string>();
    return [...groups.values()].filter((g) => {
        const key = [...g.cells].sort((a, b) => a - b).join(',');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * 5–8 events per history, from FIRST_EVENT_DAY on, at least 6 days apart, 14 days apart on series that share a
 * cell, and 4 days from any series starting or stopping, on days the series it hits is used. Each event is sized to
 * move at least one series the detector watches (all AI, the model, the tag values holding the target) by 9–13 × that
 * series' noise (at least the kind's smallest change) on the levels its first day has (trend, weekday or weekend,
 * cached inputs' discount, the lasting events before it), and hits a series holding at least 5 % of the cost (8 % for
 * a price change): every event is both distinguishable from noise and material.
 */
function injectEvents(cells: CorpusCell[], days: number, next: () => number): CorpusEvent[] {
    const between = (low: number, high: number) => low + (high - low) * next();
    const total = cells.reduce((sum, c) => sum + c.level, 0);
    const events: CorpusEvent[] = [];
    const strength = new Map<CorpusEvent, { up: boolean; k: number }>();
    const count = 5 + Math.floor(next() * 4);
    for (let attempt = 0; events.length < count && attempt < 400; attempt++) {
        const day = FIRST_EVENT_DAY + Math.floor(next() * (days - FIRST_EVENT_DAY - 4));
        const roll = next();
        const kind: CorpusEventKind =
            roll < 0.35 ? 'spike' : roll < 0.6 ? 'drop' : roll < 0.85 ? 'levelShift' : 'priceChange';
        const length = kind === 'spike' || kind === 'drop' ? 1 + Math.floor(next() * 3) : days - day;
        const weekend = Array.from({ length: Math.min(length, 3) }, (_, k) => isWeekend(day + k)).some(Boolean);
        const candidates = targets(cells).filter((t) => {
            const members = t.cells.map((id) => cells[id] as CorpusCell);
            const share = members.reduce((sum, c) => sum + c.level, 0) / total;
            const active = members.every(
                (c) => c.from <= day - 28 && c.to >= day + 7 && c.density === 1 && (c.weekend > 0 || !weekend),
            );
            // Prices are per model and deployment (a meter), never per team: a price change hits a whole model.
            const priced = kind !== 'priceChange' || Object.keys(t.series).length === 3;
            return active && priced && share >= (kind === 'priceChange' ? 0.08 : 0.05);
        });
        const target = candidates[Math.floor(next() * candidates.length)];
        if (!target) continue;
        const clash =
            events.some(
                (e) =>
                    Math.abs(e.day - day) < 6 ||
                    (Math.abs(e.day - day) < 14 && e.cells.some((id) => target.cells.includes(id))),
            ) || cells.some((c) => Math.abs(c.from - day) < 4 || Math.abs(c.to + 1 - day) < 4);
        if (clash) continue;
        const up = kind === 'spike' || (kind !== 'drop' && next() < 0.5);
        const k = between(9, 13);
        const factor = sizeOf(kind, up, k, target.cells, cells, { day, before: events });
        if (factor === undefined) continue;
        const event = { kind, day, days: length, factor, ...target };
        events.push(event);
        strength.set(event, { up, k });
    }
    // Sized again in order of day, each against the levels the lasting events before it left: an event drawn after
    // a later one was sized before knowing it.
    const sized: CorpusEvent[] = [];
    for (const event of events.sort((a, b) => a.day - b.day)) {
        const { up, k } = strength.get(event) ?? { up: true, k: 9 };
        const factor = sizeOf(event.kind, up, k, event.cells, cells, { day: event.day, before: sized });
        if (factor !== undefined) sized.push({ ...event, factor });
    }
    return sized;
}

/** Smallest change per kind (as a factor above 1; drops use its inverse), and the largest spike and drop. */
const MIN_FACTOR: Record<CorpusEventKind, number> = { spike: 1.6, drop: 1.8, levelShift: 1.5, priceChange: 1.25 };
const MAX_SPIKE = 12;
const MIN_DROP = 0.05;
/** Least day-to-day noise of a model's cost per 1M tokens, in log units. */
const PRICE_NOISE = 0.03;
/** The cached share of input tokens wobbles by this share of itself day to day (corpusRows). */
const CACHE_WOBBLE = 0.1;
/** Cached input tokens cost this share of the price. */
const CACHED_PRICE = 0.25;

/**
 * The factor that moves the watched series where it shows most by `k` × that series' noise; undefined when no
 * watched series can show it within the largest spike or drop. A price change is sized against the model's price noise.
 */
function sizeOf(
    kind: CorpusEventKind,
    up: boolean,
    k: number,
    target: number[],
    cells: CorpusCell[],
    when: { day: number; before: CorpusEvent[] },
): number | undefined {
    const floor = Math.log(MIN_FACTOR[kind]);
    const active = cells.filter((c) => c.from <= when.day && c.to >= when.day);
    const members = active.filter((c) => target.includes(c.id));
    const on = (c: CorpusCell) => costOn(c, when.day, when.before);
    if (kind === 'priceChange') {
        const noise = Math.max(
            PRICE_NOISE,
            Math.hypot(...members.map((c) => on(c) * cacheNoise(c))) / sumOf(members, on),
        );
        return Math.exp((up ? 1 : -1) * Math.max(k * noise, floor));
    }
    const factors = watchedBy(active, members).flatMap((series) => {
        const share = sumOf(members, on) / sumOf(series, (c) => c.density * on(c));
        const move = k * noiseOf(series, on, when.day);
        const factor = up ? 1 + Math.expm1(move) / share : 1 + Math.expm1(-move) / share;
        return factor > MIN_DROP && factor <= MAX_SPIKE ? [factor] : [];
    });
    if (factors.length === 0) return undefined;
    const closest = factors.reduce((a, b) => (Math.abs(Math.log(b)) < Math.abs(Math.log(a)) ? b : a));
    return Math.exp((up ? 1 : -1) * Math.max(Math.abs(Math.log(closest)), floor));
}

/**
 * A cell's cost on a day it is used, before noise: usage at the trend, the weekday and the lasting events before, at the
 * cached inputs' discount.
 */
export function costOn(c: CorpusCell, day: number, before: CorpusEvent[]): number {
    return (
        c.level *
        Math.exp(c.trend * day) *
        (isWeekend(day) ? c.weekend : 1) *
        (1 - (1 - CACHED_PRICE) * c.cachedShare) *
        before
            .filter((e) => e.kind !== 'spike' && e.kind !== 'drop' && e.day < day && e.cells.includes(c.id))
            .reduce((product, e) => product * e.factor, 1)
    );
}

/** The series the detector judges that hold every cell of `members`: all AI, their model, their tag values. */
function watchedBy(active: CorpusCell[], members: CorpusCell[]): CorpusCell[][] {
    const columns = [
        ['x_ModelId', 'x_TokenDirection', 'x_DeploymentType'],
        ['x_TagCostCenter'],
        ['x_TagApplication'],
        ['x_TagEnvironment'],
    ] as const;
    const same = (a: CorpusCell, b: CorpusCell, keys: readonly string[]) =>
        keys.every(
            (k) =>
                a.dimensions[k as keyof CorpusCell['dimensions']] === b.dimensions[k as keyof CorpusCell['dimensions']],
        );
    const first = members[0];
    if (!first) return [];
    const watched = columns
        .filter((keys) => members.every((m) => same(m, first, keys)))
        .map((keys) => active.filter((c) => same(c, first, keys)));
    return [active, ...watched];
}

/** Day `day` of a history from 2026-01-01 (a Thursday) falls on a Saturday or Sunday. */
const isWeekend = (day: number) => (day + 4) % 7 === 0 || (day + 4) % 7 === 6;

const sumOf = (cells: CorpusCell[], value: (c: CorpusCell) => number) => cells.reduce((sum, c) => sum + value(c), 0);

/** Relative day-to-day noise of a cell's cost from its cached share wobbling (0 without cached inputs). */
function cacheNoise(c: CorpusCell): number {
    const discount = 1 - CACHED_PRICE;
    return (discount * CACHE_WOBBLE * c.cachedShare) / (1 - discount * c.cachedShare);
}

/**
 * The sd of the log of a sum of cells' costs on a day (`on`: a cell's cost that day when used). With the cells in use
 * fixed, it is the cells' noise shrunk as independent noises add, each cell weighing its cost: its usage noise (sigma,
 * heavy tails too: their draws have unit variance; additive noise is a share of the cell's starting level, so it weighs
 * more on smaller weekend days and after a downward trend) and its cached share's wobble. Intermittent cells add the
 * spread between the days each is used or idle (the law of total variance over those cases; a day with no cost in use
 * has no log and is left out).
 */
export function noiseOf(members: CorpusCell[], on: (c: CorpusCell) => number, day: number) {
    const usage = (c: CorpusCell) =>
        c.noise === 'additive'
            ? c.sigma / Math.max(Math.exp(c.trend * day) * (isWeekend(day) ? c.weekend : 1), 1e-9)
            : c.sigma;
    const relative = (c: CorpusCell) => Math.min(Math.hypot(usage(c), cacheNoise(c)), 1);
    const intermittent = members.filter((c) => c.density < 1);
    const full = Math.log(sumOf(members, on));
    const moments = { weight: 0, first: 0, second: 0 };
    for (let used = 0; used < 2 ** intermittent.length; used++) {
        const isUsed = (i: number) => (used & (1 << i)) !== 0;
        const p = intermittent.reduce((product, c, i) => product * (isUsed(i) ? c.density : 1 - c.density), 1);
        const cells = members.filter((c) => c.density === 1 || isUsed(intermittent.indexOf(c)));
        const cost = sumOf(cells, on);
        if (cost <= 0) continue;
        const log = Math.log(cost) - full;
        moments.weight += p;
        moments.first += p * log;
        moments.second += p * (log ** 2 + (Math.hypot(...cells.map((c) => on(c) * relative(c))) / cost) ** 2);
    }
    return Math.sqrt(moments.second / moments.weight - (moments.first / moments.weight) ** 2);
}

/** Standard normal draw (Box–Muller). */
export function gaussian(next: () => number): number {
    return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

/** Student t draw with 4 degrees of freedom, scaled to unit variance. */
function studentT4(next: () => number): number {
    const chi = [0, 1, 2, 3].reduce((sum) => sum + gaussian(next) ** 2, 0);
    return (gaussian(next) / Math.sqrt(chi / 4)) * Math.sqrt(0.5);
}

/** One AIUnitEconomics-shaped row per cell, day and cache action (uncached, cached input). */
interface CorpusRow {
    date: string;
    cell: number;
    cache: string | null;
    tokens: number;
    cost: string;
}

/** The rows of a history: usage from level, weekday factor, trend, noise and events; cost from tokens and price. */
export function corpusRows(history: CorpusHistory): CorpusRow[] {
    const next = random(history.seed * 7919 + 13);
    const start = Date.parse(`${history.start}T00:00:00Z`);
    const rows: CorpusRow[] = [];
    for (let day = 0; day < history.days; day++) {
        const date = new Date(start + day * 86_400_000);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        for (const cell of history.cells) {
            const z = cell.noise === 'heavyTailed' ? studentT4(next) : gaussian(next);
            const used = next() < cell.density;
            if (day < cell.from || day > cell.to || !used || (weekend && cell.weekend === 0)) continue;
            const base = cell.level * Math.exp(cell.trend * day) * (weekend ? cell.weekend : 1);
            let usage =
                cell.noise === 'additive'
                    ? Math.max(base * 0.02, base + cell.sigma * cell.level * z)
                    : base * Math.exp(cell.sigma * z);
            let price = cell.price;
            for (const event of history.events.filter((e) => e.cells.includes(cell.id))) {
                const on = day >= event.day && day < event.day + event.days;
                if (on && event.kind === 'priceChange') price *= event.factor;
                else if (on) usage *= event.factor;
            }
            // Usage is cost at the base price; tokens follow, and the cached share wobbles ±10 % day to day.
            const tokens = (usage / cell.price) * 1e6;
            const cached = Math.min(0.9, Math.max(0, cell.cachedShare * (1 + 0.1 * gaussian(next))));
            const uncachedTokens = Math.round(tokens * (1 - cached));
            const iso = date.toISOString().slice(0, 10);
            rows.push(row(iso, cell.id, cell.cachedShare > 0 ? 'None' : null, uncachedTokens, price));
            if (cell.cachedShare > 0) rows.push(row(iso, cell.id, 'Read', Math.round(tokens * cached), price / 4));
        }
    }
    return rows;
}

function row(date: string, cell: number, cache: string | null, tokens: number, price: number): CorpusRow {
    return { date, cell, cache, tokens, cost: ((tokens * price) / 1e6).toFixed(6) };
}

/** Loads a history into view `ai_unit_economics` with the AIUnitEconomics columns the detector reads. */
export async function loadCorpusHistory(connection: DuckDBConnection, history: CorpusHistory): Promise<void> {
    await connection.run(
        `create or replace temp table corpus_cells as
         select unnest(from_json($cells::json, '[{"id":"INTEGER","dimensions":{"x_ModelId":"VARCHAR",
             "x_TokenDirection":"VARCHAR","x_DeploymentType":"VARCHAR","x_TagCostCenter":"VARCHAR",
             "x_TagApplication":"VARCHAR","x_TagEnvironment":"VARCHAR"}}]'), recursive := true)`,
        { cells: JSON.stringify(history.cells.map(({ id, dimensions }) => ({ id, dimensions }))) },
    );
    await connection.run(
        `create or replace temp table corpus_rows as
         select unnest(from_json($rows::json, '[{"date":"DATE","cell":"INTEGER","cache":"VARCHAR","tokens":"BIGINT",
             "cost":"VARCHAR"}]'), recursive := true)`,
        { rows: JSON.stringify(corpusRows(history)) },
    );
    await connection.run(
        `create or replace temp view ai_unit_economics as
         select r."date" as x_ChargeDate, 'USD' as BillingCurrency, c.x_ModelId, c.x_TokenDirection,
             r.cache as x_CacheAction, c.x_DeploymentType, c.x_TagCostCenter, c.x_TagApplication,
             c.x_TagEnvironment, '/subscriptions/corpus' as SubAccountId, r.tokens::decimal(38, 6) as x_TokenCount, r.cost::decimal(38, 18) as EffectiveCost
         from corpus_rows as r join corpus_cells as c on c.id = r.cell`,
    );
}

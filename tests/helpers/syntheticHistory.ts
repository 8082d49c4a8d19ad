import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

/** One (model, direction) series of a synthetic history; costs in USD per day at the base price. */
export interface SyntheticSeries {
    id: number;
    model: string;
    direction: 'Input' | 'Output';
    deployment: string;
    costCenter: string | null;
    application: string;
    environment: string;
    level: number;
    /** Saturday and Sunday factor. */
    weekend: number;
    /** Daily growth (log units). */
    trend: number;
    /** Log-normal day-to-day noise (sd, log units). */
    noise: number;
    /** Base price per 1M tokens. */
    price: number;
    /** Share of input tokens read from the cache (at a quarter of the price), varying ±20 % day to day. */
    cachedShare: number;
    /** Heavy-tailed bursts (batch jobs): not judged by the detector, the hard case for the forecast. */
    bursty: boolean;
}

export type EventKind = 'spike' | 'drop' | 'levelShift' | 'priceChange';

/** An injected change: usage × factor on `day` (spike, drop) or from `day` on (level shift), or price × factor. */
export interface InjectedEvent {
    series: number;
    day: number;
    kind: EventKind;
    factor: number;
}

export interface SyntheticHistory {
    start: string;
    days: number;
    series: SyntheticSeries[];
    events: InjectedEvent[];
}

/** Small deterministic PRNG (mulberry32), so histories are the same on every machine. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const MODELS: [string, number, number, string, string | null, string, string][] = [
    // model, input price, output price, deployment, cost center, application, environment
    ['gpt-4o', 2.5, 10, 'Global', 'cc-100', 'chat', 'prod'],
    ['gpt-4.1-mini', 0.4, 1.6, 'Global', 'cc-100', 'search', 'prod'],
    ['o3', 2, 8, 'DataZone', 'cc-200', 'agents', 'prod'],
    ['text-embedding-3-large', 0.13, 0, 'Global', null, 'search', 'dev'],
    ['DeepSeek-R1', 1.35, 5.4, 'Global', 'cc-200', 'research', 'dev'],
];

/**
 * A deterministic history of `days` days from `start`: five models (one bursty), input and output series with weekly
 * seasonality, trend and noise, and injected spikes, drops, level shifts and price changes (at least 12 days apart,
 * from day 14 on, none in the bursty series).
 */
export function syntheticHistory(seed: number, start = '2026-01-01', days = 151): SyntheticHistory {
    const next = random(seed);
    const between = (low: number, high: number) => low + (high - low) * next();
    const series: SyntheticSeries[] = [];
    for (const [model, inputPrice, outputPrice, deployment, costCenter, application, environment] of MODELS) {
        const directions = outputPrice > 0 ? (['Input', 'Output'] as const) : (['Input'] as const);
        for (const direction of directions) {
            series.push({
                id: series.length,
                model,
                direction,
                deployment,
                costCenter,
                application,
                environment,
                level: between(20, 400),
                weekend: between(0.35, 0.9),
                trend: between(-0.002, 0.005),
                noise: between(0.06, 0.15),
                price: direction === 'Input' ? inputPrice : outputPrice,
                cachedShare: direction === 'Input' ? between(0.1, 0.4) : 0,
                bursty: model === 'DeepSeek-R1',
            });
        }
    }
    const events: InjectedEvent[] = [];
    for (const s of series.filter((candidate) => !candidate.bursty)) {
        for (let day = 14 + Math.floor(between(0, 10)); day < days - 3; day += 12 + Math.floor(between(0, 14))) {
            const roll = next();
            const up = next() < 0.5;
            if (roll < 0.4) events.push({ series: s.id, day, kind: 'spike', factor: between(2.2, 4) });
            else if (roll < 0.65) events.push({ series: s.id, day, kind: 'drop', factor: between(0.15, 0.45) });
            else if (roll < 0.85) {
                events.push({
                    series: s.id,
                    day,
                    kind: 'levelShift',
                    factor: up ? between(1.8, 2.5) : between(0.4, 0.55),
                });
            } else
                events.push({
                    series: s.id,
                    day,
                    kind: 'priceChange',
                    factor: up ? between(1.4, 1.8) : between(0.45, 0.65),
                });
        }
    }
    return { start, days, series, events };
}

/** Writes the history's rows into table `synthetic_ai_unit_economics` with DuckDB (rows never pass through JS). */
export async function createSyntheticTable(
    connection: DuckDBConnection,
    history: SyntheticHistory,
    seed: number,
): Promise<void> {
    await connection.run(readFileSync(join(__dirname, 'sql', 'synthetic_ai_unit_economics.sql'), 'utf8'), {
        series: JSON.stringify(history.series),
        events: JSON.stringify(history.events),
        seed,
        start: history.start,
        days: history.days,
    });
}

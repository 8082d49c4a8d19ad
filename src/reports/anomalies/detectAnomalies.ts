import type { DuckDBConnection } from '@duckdb/node-api';

import { decimalText, trimDecimal } from '../decimalText';
import { median } from '../robustStats';
import { ANOMALY_PARAMS, AnomalyParams } from './anomalyParams';
import { Flag, judgeSeries } from './judgeSeries';
import { DailySeries, queryDailySeries } from './queryDailySeries';

export type AnomalyMetric = 'EffectiveCost' | 'EffectiveCostPerMillionTokens';

/** A series-day that breaks from its baseline. Amounts are decimal text in the billing currency (per 1M tokens). */
export interface Anomaly {
    date: string;
    metric: AnomalyMetric;
    currency: string | null;
    /** Costs columns of the series (`{}` overall); `BillingCurrency` leads when the data bills in several. */
    dimensions: Record<string, string | null>;
    actual: string;
    expected: string;
    lower: string;
    upper: string;
    /** Robust z-score (see Flag.score), 2 decimals. */
    score: number;
    direction: 'spike' | 'drop';
}

/**
 * Anomalies of view `ai_unit_economics` on days `judgeFrom … through`, each judged against the history from `from`.
 */
export async function detectAnomalies(
    connection: DuckDBConnection,
    range: { from: string; through: string; judgeFrom: string },
    params: AnomalyParams = ANOMALY_PARAMS,
): Promise<Anomaly[]> {
    return anomaliesOf(await queryDailySeries(connection, range), range.judgeFrom, params);
}

/**
 * The anomalies of daily series on days from `judgeFrom`. A drop in cost on the newest charge day is held back: that
 * day's charges are usually still arriving (Cost Management data can lag by up to 72 hours).
 */
export function anomaliesOf(series: DailySeries[], judgeFrom: string, params: AnomalyParams): Anomaly[] {
    const splitCurrency = new Set(series.map((s) => s.currency)).size > 1;
    const typical = typicalDailyCost(series, params.recentDays);
    const anomalies = series.flatMap((s) => {
        const floor = (typical.get(s.currency) ?? []).map((cost) => cost * params.minImpactShare);
        const weekdays = s.dates.map((date) => new Date(`${date}T00:00:00Z`).getUTCDay());
        const from = s.dates.findIndex((date) => date >= judgeFrom);
        const dimensions = splitCurrency ? { BillingCurrency: s.currency, ...s.dimensions } : s.dimensions;
        const metrics: [AnomalyMetric, (string | null)[]][] = [
            ['EffectiveCost', s.effectiveCost],
            ['EffectiveCostPerMillionTokens', s.costPerMillion],
        ];
        return from < 0
            ? []
            : metrics.flatMap(([metric, texts]) => {
                  const values = texts.map((text) => (text === null ? null : Number(text)));
                  const impact = (f: Flag) =>
                      metric === 'EffectiveCost'
                          ? Math.abs((values[f.index] ?? 0) - f.expected)
                          : Number(s.effectiveCost[f.index]) * Math.abs(1 - f.expected / (values[f.index] || 1));
                  return judgeSeries(values, weekdays, from, params)
                      .flags.filter(
                          (f) =>
                              !(metric === 'EffectiveCost' && f.direction === 'drop' && f.index === texts.length - 1),
                      )
                      .filter((f) => impact(f) >= (floor[f.index] ?? 0))
                      .map((f) => ({
                          date: s.dates[f.index] ?? '',
                          metric,
                          currency: s.currency,
                          dimensions,
                          actual: trimDecimal(texts[f.index] ?? '0'),
                          expected: decimalText(f.expected, 6),
                          lower: decimalText(f.lower, 6),
                          upper: decimalText(f.upper, 6),
                          score: Math.round(f.score * 100) / 100,
                          direction: f.direction,
                      }));
              });
    });
    const key = (a: Anomaly) => `${a.date}|${a.metric}|${a.currency ?? ''}|${JSON.stringify(a.dimensions)}`;
    return anomalies.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Per currency, per day: the median daily cost of the overall series over the `days` days before it. */
function typicalDailyCost(series: DailySeries[], days: number): Map<string | null, number[]> {
    const typical = new Map<string | null, number[]>();
    for (const s of series.filter((candidate) => Object.keys(candidate.dimensions).length === 0)) {
        const costs = s.effectiveCost.map(Number);
        typical.set(
            s.currency,
            costs.map((_, i) => median(costs.slice(Math.max(0, i - days), i)) || 0),
        );
    }
    return typical;
}

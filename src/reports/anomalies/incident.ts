import type { DailySeries } from './queryDailySeries';

export type AnomalyMetric = 'EffectiveCost' | 'EffectiveCostPerMillionTokens';

/**
 * A series-day that breaks from its baseline and belongs to an incident. Amounts are decimal text in the billing
 * currency (per 1M tokens for that metric).
 */
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
    /** Robust z-score against the series' own noise, 2 decimals. */
    score: number;
    direction: 'spike' | 'drop';
    /** Id of the incident it belongs to. */
    incident: string;
}

/** A finest series an incident's impact comes from: its share of the incident's impact. */
export interface RootCause {
    /** Costs columns that single it out, keyed as Anomaly.dimensions (columns that do not tell it apart left out). */
    dimensions: Record<string, string | null>;
    /** Σ (actual − expected) of its cost over the incident's days, exact decimal text in the billing currency. */
    impact: string;
    /** impact ÷ the incident's impact, 3 decimals. */
    share: number;
}

/** One event: the anomalies of every series and day it shows in, with its cause. */
export interface Incident {
    /** `YYYY-MM-DD-` + 8 hex digits, stable across recomputations of the same event. */
    id: string;
    currency: string | null;
    /** First day, and last day (null while it may go on: a level shift, or a spike through the last charge day). */
    start: string;
    end: string | null;
    kind: 'spike' | 'drop' | 'levelShift';
    /** EffectiveCostPerMillionTokens when a change of unit price explains the incident, else EffectiveCost. */
    metric: AnomalyMetric;
    /** Σ of its root causes' impact: money, decimal text (a level shift: each day of its month since it began). */
    impact: string;
    peakScore: number;
    rootCauses: RootCause[];
}

export interface AnomalyFindings {
    incidents: Incident[];
    anomalies: Anomaly[];
}

/** What the anomalies insight found, with the series it judged (the report draws each model's cost per 1M from them). */
export interface AnomalyAnalysis extends AnomalyFindings {
    /** The daily series of grain `level`, every currency. */
    judged: DailySeries[];
}

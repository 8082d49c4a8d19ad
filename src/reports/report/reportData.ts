import type { TagColumn } from '../../focus/datasets/costs/tagAliases';
import type { PublishedFolder } from '../../focus/published/publishedFolder';
import type { AnomalyFindings } from '../anomalies/incident';
import type { DailySeries } from '../anomalies/queryDailySeries';
import type { CapacityFigures } from '../capacity/reportCapacity';
import type { Forecast } from '../forecasts/forecastMonthEnd';

/** A row of a two-level matrix: level 0 item, 1 group subtotal, 2 total. Amounts are exact decimal text. */
export interface MatrixRow {
    level: number;
    group: string | null;
    item: string | null;
    tokens: string;
    effectiveCost: string;
    costPerMillion: string | null;
    /** % of the total's effective cost, one decimal. */
    share: string | null;
}

export interface AllocationRow {
    column: TagColumn;
    /** null: untagged. */
    value: string | null;
    effectiveCost: string;
    share: string | null;
}

/** Everything the report shows, computed by DuckDB (amounts as exact decimal text) or by the insights. */
export interface ReportData {
    month: string;
    /** The month is over: it shows totals, not a forecast. */
    closed: boolean;
    /** Scope folders read, or the one selected. */
    scopes: string[];
    scopeSelected: boolean;
    currency: string;
    /** Other billing currencies in the month and their AI cost (not shown in the report). */
    otherCurrencies: { currency: string; effectiveCost: string }[];
    generatedAt: string;
    /** AI rows in the month (AI cost, counted tokens or not). */
    aiRows: number;
    headline: { effectiveCost: string; tokens: string; costPerMillion: string | null; asOf: string | null };
    tokenMatrix: MatrixRow[];
    skuMatrix: MatrixRow[];
    dailyByModel: { model: string; dates: string[]; effectiveCost: string[] }[];
    /** Model × direction × deployment series with their cost per 1M tokens per day. */
    costPerMillion: DailySeries[];
    allocation: AllocationRow[];
    /** The month's incidents and their days, in the report's currency. */
    findings: AnomalyFindings;
    forecasts: Forecast[];
    /** The latest published folder of each dataset and scope. */
    freshness: PublishedFolder[];
    /** Provisioned throughput and cost by consumer, when telemetry is published for the month. */
    capacity?: CapacityFigures;
}

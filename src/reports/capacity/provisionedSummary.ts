import type { DuckDBConnection } from '@duckdb/node-api';

import { RETAIL_CURRENCY } from '../../focus/datasets/capacity/capacityDatasets';
import { loadSql } from '../../focus/loadAsset';
import { prepareFocus } from '../../focus/prepareFocus';

/**
 * One provisioned deployment's month in one billing currency (docs/capacity.md "`finops-hub provisioned`"): money and
 * tokens as exact decimal text.
 */
export interface ProvisionedDeployment {
    account: string;
    deployment: string | null;
    deploymentType: string | null;
    /** The billing currency of effectiveCost, effectiveCostPer1MTokens and savings (null: no billing all month). */
    currency: string | null;
    model: string | null;
    ptus: string | null;
    ptuHours: string;
    effectiveCost: string | null;
    inputTokens: string;
    outputTokens: string;
    tokens: string;
    effectiveCostPer1MTokens: string | null;
    /** Mean and 95th percentile of the hourly utilization (%), or null without a utilization metric. */
    utilization: { mean: string; p95: string | null } | null;
    paygEquivalentCost: string | null;
    /** The currency of paygEquivalentCost: the retail price snapshot's. */
    paygCurrency: string;
    /**
     * Pay-as-you-go equivalent − cost: positive, the PTU saved money; negative, per-token pricing was cheaper. Null
     * when the two are in different currencies.
     */
    savings: string | null;
    /** The mean utilization (%) at which the PTU would have cost what its tokens cost per token. */
    breakEvenUtilization: string | null;
    flags: string | null;
}

type Row = Record<string, string | null>;

/**
 * The month's provisioned deployments from views `ai_provisioned` (AIProvisioned) and `ai_telemetry` (AITelemetry):
 * one entry per account × deployment × billing currency, sums over the month, cost per 1M tokens from the sums (in
 * `currency` only, when given).
 */
export async function provisionedSummary(
    connection: DuckDBConnection,
    month: string,
    currency: string | null = null,
): Promise<ProvisionedDeployment[]> {
    await prepareFocus(connection);
    const reader = await connection.runAndReadAll(loadSql('provisioned_summary', __dirname), {
        month,
        currency,
        payg_currency: RETAIL_CURRENCY,
    });
    return (reader.getRowObjectsJson() as Row[]).map((row) => ({
        account: row.account ?? '',
        deployment: row.deployment ?? null,
        deploymentType: row.deploymentType ?? null,
        currency: row.currency ?? null,
        model: row.model ?? null,
        ptus: row.ptus ?? null,
        ptuHours: row.ptuHours ?? '0',
        effectiveCost: trim(row.effectiveCost),
        inputTokens: row.inputTokens ?? '0',
        outputTokens: row.outputTokens ?? '0',
        tokens: row.tokens ?? '0',
        effectiveCostPer1MTokens: trim(row.effectiveCostPer1MTokens),
        utilization: row.utilizationMean ? { mean: row.utilizationMean, p95: row.utilizationP95 ?? null } : null,
        paygEquivalentCost: trim(row.paygEquivalentCost),
        paygCurrency: RETAIL_CURRENCY,
        savings: trim(row.savings),
        breakEvenUtilization: row.breakEvenUtilization ?? null,
        flags: row.flags ?? null,
    }));
}

/** Decimal text without trailing fraction zeros. */
const trim = (value: string | null | undefined): string | null =>
    value === null || value === undefined ? null : value.includes('.') ? value.replace(/\.?0+$/, '') : value;

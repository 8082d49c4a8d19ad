import type { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../focus/objectStore';
import { CapacityScopes, loadCapacity } from './loadCapacity';
import { ProvisionedDeployment, provisionedSummary } from './provisionedSummary';

/** A consumer's share of the month's AI cost (CostAllocation). */
export interface ConsumerCost {
    consumer: string;
    dimension: string | null;
    effectiveCost: string;
    tokens: string;
    share: string | null;
}

/** What the report's capacity sections show. */
export interface CapacityFigures {
    provisioned: ProvisionedDeployment[];
    /** Empty unless some consumer other than `unallocated` is known. */
    consumers: ConsumerCost[];
}

/**
 * The report's capacity figures for `month` in `currency`: provisioned deployments and cost by consumer, from the
 * telemetry scopes the report covers (every one without a scope; a subscription scope itself; for a billing scope,
 * the subscriptions its AI costs name, from view `ai_unit_economics`). Undefined when none is published.
 */
export async function reportCapacity(
    connection: DuckDBConnection,
    store: ObjectStore,
    selection: { month: string; scope?: string; currency: string },
    scratchDir: string,
): Promise<CapacityFigures | undefined> {
    const { month, scope, currency } = selection;
    const loaded = await loadCapacity(
        connection,
        store,
        { month, scopes: await scopesOf(connection, scope, month) },
        scratchDir,
    );
    if (!loaded) return undefined;
    const reader = await connection.runAndReadAll(loadSql('consumer_summary', __dirname), { month, currency });
    const consumers = reader.getRowObjectsJson() as unknown as ConsumerCost[];
    return {
        provisioned: await provisionedSummary(connection, month, currency),
        consumers: consumers.some((row) => row.consumer !== 'unallocated') ? consumers : [],
    };
}

async function scopesOf(
    connection: DuckDBConnection,
    scope: string | undefined,
    month: string,
): Promise<CapacityScopes> {
    if (scope === undefined || scope.startsWith('subscriptions/')) return scope;
    const reader = await connection.runAndReadAll(loadSql('capacity_scopes', __dirname), { month });
    return reader.getRows().map(([id]) => String(id));
}

import { join } from 'node:path';

import { DuckDBConnection, quotedString, VARCHAR } from '@duckdb/node-api';

import { assetPath, loadSql } from '../../loadAsset';
import { prepareFocus, prepareInstanceOnce } from '../../prepareFocus';
import { parquetTotals, Totals } from '../../totals';
import {
    CAPACITY_DATASETS,
    CAPACITY_OUTPUTS,
    CapacityDataset,
    capacityFileName,
    RETAIL_CURRENCY,
} from './capacityDatasets';
import { registerAccountCosts } from './registerAccountCosts';

/** The telemetry run the capacity datasets are computed for: its scope (`subscriptions/<id>`) and month. */
export interface CapacityRun {
    scope: string;
    month: string;
    /** The AITelemetry run (each row's x_SourceRunId). */
    runId: string;
    /** When its inventory was pulled (the AITelemetry run's submittedTime). */
    snapshotTime: string;
}

/** Local copies of the published inputs. */
export interface CapacityInputs {
    /** AITelemetry files of the run's scope and month. */
    telemetry: readonly string[];
    /** AIDeployments files published earlier for the scope and month (the earlier inventory snapshots). */
    deployments: readonly string[];
    /** AIAccountCosts files of the month, each with the scope folder it was published in. */
    accountCosts: readonly { path: string; scope: string }[];
}

/** Steps in order, each a `sql/` file whose rows become the temp table named after it. */
const STEPS = [
    ['snapshots', 'capacity_snapshots'],
    ['capacity_days', 'capacity_days'],
    ['hourly', 'capacity_hourly'],
    ['deployment_days', 'ai_deployments_v1_2'],
    ['metered_tokens', 'capacity_metered_tokens'],
    ['consumer_tokens', 'capacity_consumer_tokens'],
    ['token_usage', 'ai_token_usage_v1_2'],
    ['capacity_costs', 'capacity_costs'],
    ['reservation_costs', 'capacity_reservations'],
    ['account_ptu', 'capacity_account_ptu'],
    ['deployment_costs', 'capacity_ptu_split'],
    ['payg_prices', 'capacity_payg_prices'],
    ['provisioned_rows', 'ai_provisioned_v1_2'],
    ['allocation_origins', 'cost_allocation_origins'],
    ['allocation_items', 'cost_allocation_items'],
    ['cost_allocation', 'cost_allocation_v1_2'],
] as const;

/**
 * Computes AIDeployments, AITokenUsage, AIProvisioned and CostAllocation for one telemetry scope and month into
 * `outDir` (one zstd Parquet file each, named for `fileRunId`), from local copies of the published inputs. Pure: reads no
 * setting and publishes nothing. Returns each file with its totals.
 */
export async function computeCapacity(
    connection: DuckDBConnection,
    run: CapacityRun,
    inputs: CapacityInputs,
    outDir: string,
    fileRunId = run.runId,
): Promise<Record<CapacityDataset, { path: string; name: string; totals: Totals }>> {
    await prepareCapacity(connection);
    const variables = {
        capacity_scope: run.scope,
        capacity_subscription: `/${run.scope}`,
        capacity_month: run.month,
        capacity_run: run.runId,
        capacity_retail_currency: RETAIL_CURRENCY,
    };
    for (const [name, value] of Object.entries(variables)) {
        await connection.run(`set variable ${name} = $value`, { value }, { value: VARCHAR });
    }
    await connection.run(
        'set variable capacity_snapshot = $value::timestamptz',
        { value: run.snapshotTime },
        {
            value: VARCHAR,
        },
    );
    await registerInputs(connection, inputs);
    for (const [table, step] of STEPS) {
        await connection.run(`create or replace temp table ${table} as ${loadSql(step, __dirname)}`);
    }
    const outputs = {} as Record<CapacityDataset, { path: string; name: string; totals: Totals }>;
    for (const dataset of CAPACITY_DATASETS) {
        const { table, totals, currency } = CAPACITY_OUTPUTS[dataset];
        const name = capacityFileName(fileRunId, dataset);
        const path = join(outDir, name);
        await connection.run(
            `copy (select * from ${table} order by all) to ${quotedString(path)} (format parquet, compression zstd)`,
        );
        outputs[dataset] = { path, name, totals: await parquetTotals(connection, path, totals, currency) };
    }
    return outputs;
}

/** The hub's macros, the split macros and the SKU and retail price lookups, once per DuckDB instance. */
async function prepareCapacity(connection: DuckDBConnection): Promise<void> {
    await prepareFocus(connection);
    await prepareInstanceOnce(connection, 'capacity_retail_prices', async () => {
        await connection.run(loadSql('capacity_macros', __dirname));
        await connection.run(loadSql('capacity_skus', __dirname), {
            skus_path: assetPath('data/deployment-skus.csv', __dirname),
        });
        await connection.run(loadSql('capacity_retail_prices', __dirname), {
            prices_path: assetPath('data/ai-meter-retail-prices.csv'),
            meters_path: assetPath('data/ai-meters.csv'),
        });
    });
}

/** Views over the inputs: `telemetry_records`, `previous_deployments`, `account_costs` (with x_CostScope). */
async function registerInputs(connection: DuckDBConnection, inputs: CapacityInputs): Promise<void> {
    await connection.run(loadSql('empty_inputs', __dirname));
    const parquet = (paths: readonly string[]) =>
        `read_parquet([${paths.map((path) => quotedString(path)).join(', ')}], union_by_name = true)`;
    await connection.run(`create or replace temp view telemetry_records as select * from ${parquet(inputs.telemetry)}`);
    await connection.run(
        `create or replace temp view previous_deployments as ${
            inputs.deployments.length === 0
                ? 'select * from empty_previous_deployments'
                : `select * from ${parquet(inputs.deployments)}`
        }`,
    );
    await registerAccountCosts(connection, inputs.accountCosts);
}

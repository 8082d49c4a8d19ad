import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { AI_UNIT_ECONOMICS } from '../../focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../pipeline/ports';
import { anomaliesDatasetSql } from '../anomalies/writeAnomalies';
import { forecastsDatasetSql } from '../forecasts/writeForecasts';
import { INSIGHTS_DATASETS } from '../insightsLayout';
import { listPublished } from '../published/listPublished';
import { outermostScopes } from '../published/outermostScopes';

/** The views `finops-hub views` defines, and the dataset each reads. */
export const PUBLISHED_VIEWS = [
    ['costs', 'Costs'],
    ['ai_unit_economics', AI_UNIT_ECONOMICS],
    ['anomalies', INSIGHTS_DATASETS.anomalies],
    ['forecasts', INSIGHTS_DATASETS.forecasts],
    ['prices', 'Prices'],
    ['commitment_discount_usage', 'CommitmentDiscountUsage'],
    ['recommendations', 'Recommendations'],
    ['transactions', 'Transactions'],
    ['ai_account_costs', 'AIAccountCosts'],
    ['ai_telemetry', 'AITelemetry'],
    ['ai_deployments', 'AIDeployments'],
    ['ai_token_usage', 'AITokenUsage'],
    ['ai_provisioned', 'AIProvisioned'],
    ['cost_allocation', 'CostAllocation'],
] as const;

/**
 * DuckDB SQL defining one view per published dataset over exactly the files the folders' manifests list (outermost
 * scopes only, as the reports read them), each path `<prefix>/<container-relative name>`. A dataset with nothing
 * published yet gets an empty view with the dataset's columns, where the hub defines them (Anomalies, Forecasts).
 */
export async function publishedViewsSql(
    connection: DuckDBConnection,
    store: ObjectStore,
    prefix: string,
): Promise<string> {
    const statements: string[] = [];
    for (const [view, dataset] of PUBLISHED_VIEWS) {
        const folders = outermostScopes(await listPublished(store, dataset));
        const paths = folders.flatMap((f) => f.files.map((file) => `${prefix}/${f.folder}/${file.name}`));
        const name = quotedIdentifier(view);
        if (paths.length > 0) {
            const list = paths.map((path) => `    ${quotedString(path)}`).join(',\n');
            statements.push(
                `-- ${dataset}: ${folders.length} folder(s)\ncreate or replace view ${name} as\nselect * from read_parquet([\n${list}\n], union_by_name = true);`,
            );
        } else if (dataset === INSIGHTS_DATASETS.anomalies || dataset === INSIGHTS_DATASETS.forecasts) {
            statements.push(
                `-- ${dataset}: nothing published yet\ncreate or replace view ${name} as\n${await emptySelect(connection, dataset)};`,
            );
        } else {
            statements.push(`-- ${dataset}: nothing published yet, no view`);
        }
    }
    return `${statements.join('\n\n')}\n`;
}

/** `select null::<type> as <column>, … where false` with the columns the hub writes for an insights dataset. */
async function emptySelect(connection: DuckDBConnection, dataset: string): Promise<string> {
    const common = { scope: null, source_run_id: null };
    const [sql, values] =
        dataset === INSIGHTS_DATASETS.anomalies
            ? [anomaliesDatasetSql(), { ...common, anomalies: '[]' }]
            : [forecastsDatasetSql(), { ...common, forecasts: '[]', level: 0 }];
    await connection.run(`create or replace temp table empty_dataset as ${sql}`, values);
    const reader = await connection.runAndReadAll(loadSql('empty_dataset_columns', __dirname));
    const columns = reader.getRowObjectsJson() as { column_name: string; data_type: string }[];
    const list = columns.map((c) => `null::${c.data_type} as ${quotedIdentifier(c.column_name)}`).join(', ');
    return `select ${list} where false`;
}

import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { PUBLISHED_DATASETS } from '../../focus/datasets/registry';
import { viewName } from '../../focus/datasets/viewName';
import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../focus/objectStore';
import { listPublished } from '../../focus/published/listPublished';
import { outermostScopes } from '../../focus/published/outermostScopes';
import type { Insight } from '../insight';
import { INSIGHTS } from '../insights';

/** The views `finops-hub views` defines over the hub's datasets, and the dataset each reads; then each insight's. */
export const PUBLISHED_VIEWS: readonly (readonly [string, string])[] = [
    ...PUBLISHED_DATASETS.map((dataset) => [viewName(dataset), dataset] as const),
    ...INSIGHTS.map((insight) => [insight.dataset.view, insight.dataset.name] as const),
];

/**
 * DuckDB SQL defining one view per published dataset over exactly the files the folders' manifests list (outermost
 * scopes only, as the reports read them), each path `<prefix>/<container-relative name>`. An insight's dataset with
 * nothing published yet gets an empty view with its columns; another dataset with nothing published gets no view.
 */
export async function publishedViewsSql(
    connection: DuckDBConnection,
    store: ObjectStore,
    prefix: string,
): Promise<string> {
    const statements: string[] = [];
    for (const [view, dataset] of PUBLISHED_VIEWS) {
        const insight = INSIGHTS.find((candidate) => candidate.dataset.name === dataset);
        const folders = outermostScopes(await listPublished(store, dataset));
        const paths = folders.flatMap((f) => f.files.map((file) => `${prefix}/${f.folder}/${file.name}`));
        const name = quotedIdentifier(view);
        if (paths.length > 0) {
            const list = paths.map((path) => `    ${quotedString(path)}`).join(',\n');
            statements.push(
                `-- ${dataset}: ${folders.length} folder(s)\ncreate or replace view ${name} as\nselect * from read_parquet([\n${list}\n], union_by_name = true);`,
            );
        } else if (insight) {
            statements.push(
                `-- ${dataset}: nothing published yet\ncreate or replace view ${name} as\n${await emptySelect(connection, insight)};`,
            );
        } else {
            statements.push(`-- ${dataset}: nothing published yet, no view`);
        }
    }
    return `${statements.join('\n\n')}\n`;
}

/** `select null::<type> as <column>, … where false` with the columns the hub writes for an insight's dataset. */
async function emptySelect(connection: DuckDBConnection, insight: Insight<unknown>): Promise<string> {
    const { sql, values } = insight.dataset.empty();
    await connection.run(`create or replace temp table empty_dataset as ${sql}`, values);
    const reader = await connection.runAndReadAll(loadSql('empty_dataset_columns', __dirname));
    const columns = reader.getRowObjectsJson() as { column_name: string; data_type: string }[];
    const list = columns.map((c) => `null::${c.data_type} as ${quotedIdentifier(c.column_name)}`).join(', ');
    return `select ${list} where false`;
}

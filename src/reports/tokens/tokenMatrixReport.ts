import type { DuckDBConnection } from '@duckdb/node-api';

import { PipelineError } from '../../errors';
import { AI_UNIT_ECONOMICS } from '../../focus/datasets/aiUnitEconomics/aiUnitEconomics';
import type { ObjectStore } from '../../pipeline/ports';
import { createParquetView } from '../published/createParquetView';
import { readPublished } from '../published/readPublished';
import { queryTokenMatrix, TokenDimension, TokenMatrix } from './queryTokenMatrix';

/**
 * The token matrix over every published AIUnitEconomics folder of `store` (all months, every outermost scope), for
 * `month` or all months. Throws `NoPublishedData` when nothing is published.
 */
export async function tokenMatrixReport(
    connection: DuckDBConnection,
    store: ObjectStore,
    options: { month?: string; by: readonly TokenDimension[] },
    scratchDir: string,
): Promise<TokenMatrix> {
    const { files } = await readPublished(store, AI_UNIT_ECONOMICS, {}, scratchDir);
    if (files.length === 0) {
        throw new PipelineError(
            'NoPublishedData',
            `no published ${AI_UNIT_ECONOMICS} folders (with manifest.json) under ${store.location}.`,
        );
    }
    await createParquetView(
        connection,
        'ai_unit_economics',
        files.map((file) => file.path),
    );
    return queryTokenMatrix(connection, options.month, options.by);
}

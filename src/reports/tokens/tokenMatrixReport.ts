import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { PipelineError } from '../../errors';
import { AI_UNIT_ECONOMICS } from '../../focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { COST_ALLOCATION } from '../../focus/datasets/capacity/capacityDatasets';
import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../focus/objectStore';
import { createParquetView } from '../../focus/published/createParquetView';
import { readPublished } from '../../focus/published/readPublished';
import { queryTokenMatrix, TokenDimension, TokenMatrix } from './queryTokenMatrix';

/**
 * The token matrix over every published AIUnitEconomics and CostAllocation folder of `store` (all months, every
 * outermost scope), for `month` or all months: CostAllocation's rows replace AIUnitEconomics' for the accounts and
 * months it covers. Throws `NoPublishedData` when nothing is published.
 */
export async function tokenMatrixReport(
    connection: DuckDBConnection,
    store: ObjectStore,
    options: { month?: string; by: readonly TokenDimension[] },
    scratchDir: string,
): Promise<TokenMatrix> {
    const { files } = await readPublished(store, AI_UNIT_ECONOMICS, {}, join(scratchDir, 'economics'));
    if (files.length === 0) {
        throw new PipelineError(
            'NoPublishedData',
            `no published ${AI_UNIT_ECONOMICS} folders (with manifest.json) under ${store.location}.`,
        );
    }
    await createParquetView(
        connection,
        'ai_unit_economics_published',
        files.map((file) => file.path),
    );
    const allocated = await readPublished(store, COST_ALLOCATION, {}, join(scratchDir, 'allocation'));
    if (allocated.files.length === 0) await connection.run(loadSql('empty_cost_allocation', __dirname));
    else {
        await createParquetView(
            connection,
            'cost_allocation',
            allocated.files.map((file) => file.path),
        );
    }
    await connection.run(
        `create or replace temp view ai_unit_economics as ${loadSql('ai_unit_economics_uncovered', __dirname)}`,
    );
    return queryTokenMatrix(connection, options.month, options.by);
}

import { quotedString } from '@duckdb/node-api';

import { PipelineError } from '../../../errors';
import { loadSql } from '../../loadAsset';
import { parquetTotals } from '../../totals';
import type { DerivedDataset } from '../hubDataset';

/** The hub dataset of AI account charges per day, derived from Costs and published beside it. */
export const AI_ACCOUNT_COSTS = 'AIAccountCosts';

/**
 * Every charge of Cognitive Services / AI Services accounts, and every provisioned-unit charge, per day, account,
 * commitment and meter attributes: the bill side of provisioned economics and consumer allocation, small enough to
 * read for a month without the whole Costs dataset.
 */
export const aiAccountCostsDataset: DerivedDataset = {
    name: AI_ACCOUNT_COSTS,
    totals: ['BilledCost', 'EffectiveCost'],
    currency: 'BillingCurrency',
    async partial(connection, parentParquet, outPath) {
        await connection.run(
            `create or replace temp view ai_account_costs_costs as select * from read_parquet(${quotedString(parentParquet)})`,
        );
        const query = loadSql('ai_account_costs_v1_2', __dirname);
        await connection.run(`copy (${query}) to ${quotedString(outPath)} (format parquet, compression zstd)`);
    },
    async merge(connection, partials, outPath) {
        if (partials.length === 0) {
            throw new PipelineError(
                'TransformFailed',
                `No ${AI_ACCOUNT_COSTS} partial files to merge into ${outPath}.`,
            );
        }
        const files = partials.map((path) => quotedString(path)).join(', ');
        await connection.run(
            `create or replace temp view ai_account_costs_partials as select * from read_parquet([${files}])`,
        );
        const query = loadSql('ai_account_costs_merge_v1_2', __dirname);
        await connection.run(`copy (${query}) to ${quotedString(outPath)} (format parquet, compression zstd)`);
        return parquetTotals(connection, outPath, this.totals, this.currency);
    },
    fileName: (runId) => `${runId}__ai_account_costs.parquet`,
};

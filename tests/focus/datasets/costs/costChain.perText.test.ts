import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { benchInput, type BenchMix } from '../../../../bench/benchInput';
import { chainSql } from '../../../../src/focus/chainSql';
import { costChainSteps } from '../../../../src/focus/datasets/costs/costChain';
import { stagingSelect } from '../../../../src/focus/datasets/costs/stagingSelect';
import { defaultTagAliases } from '../../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { partColumns, partReader } from '../../../../src/focus/datasets/partReader';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

// The chain computes tag columns and fixes JSON texts once per distinct text (cost_json_texts_v1_2.sql) and joins
// them back. The steps that did it row by row are kept in tests/fixtures/cost-chain-per-row/; the same parts run
// through both chains must give the same rows, every column alike but the time of conversion.
const PER_ROW_STEPS: Record<string, string> = {
    focus_cost_unflagged: 'focus_cost_v1_2.sql',
    focus_cost_tags: 'focus_cost_tags_v1_2.sql',
};
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'cost-chain-per-row');

/** Writes the part through the chain with the per-row steps; the lookups transformCosts loaded are still there. */
async function writePerRowChain(
    connection: DuckDBConnection,
    input: { path: string; format: 'csv'; dataVersion: string; name: string },
    outputPath: string,
): Promise<void> {
    const columns = await partColumns(connection, input);
    const staged = `select ${stagingSelect(columns, input.dataVersion, input.name)} from ${partReader(input, columns)}`;
    const steps = costChainSteps(false).map(([name, sql]) => {
        const file = PER_ROW_STEPS[name];
        return [name, file ? readFileSync(join(FIXTURES, file), 'utf8') : sql] as const;
    });
    const chain = chainSql([['stg_cost_export', staged], ...steps]);
    await connection.run(`copy (${chain}) to ${quotedString(outputPath)} (format parquet)`);
}

describe('the Costs chain computing per distinct text', () => {
    it.each(['ai', 'sample'] as BenchMix[])(
        'gives the rows the per-row chain gives on the %s mix',
        async (mix) => {
            await withConnection(async (connection, dir) => {
                const part = await benchInput(join(dir, 'data'), 4000, 'csv', mix);
                const input = { path: part.path, format: 'csv' as const, dataVersion: part.dataVersion, name: 'part' };
                const perText = join(dir, 'per-text.parquet');
                const perRow = join(dir, 'per-row.parquet');
                await transformCosts(connection, input, perText, { tagAliases: defaultTagAliases() });
                await writePerRowChain(connection, input, perRow);

                const read = (path: string) => `(select * exclude (x_IngestionTime) from ${quotedString(path)})`;
                const [counts] = await rowsOf(
                    connection,
                    `select
                        (select count(*) from ${read(perText)}) as rows,
                        (select count(*) from (select * from ${read(perText)} except all select * from ${read(perRow)}))
                            as only_per_text,
                        (select count(*) from (select * from ${read(perRow)} except all select * from ${read(perText)}))
                            as only_per_row,
                        (select count(distinct Tags) from ${read(perRow)}) as tag_texts,
                        (select count(x_TagApplication) from ${read(perRow)}) as tagged,
                        (select count(x_ModelId) from ${read(perRow)}) as ai_rows,
                        (select count(x_SkuDetails) from ${read(perRow)}) as sku_price_details`,
                );
                expect(counts).toMatchObject({ rows: '4000', only_per_text: '0', only_per_row: '0' });
                // the comparison covers the columns it is about: many tag texts, tagged, AI and SKU detail rows
                expect(Number(counts?.tag_texts)).toBeGreaterThan(10);
                expect(Number(counts?.tagged)).toBeGreaterThan(1000);
                expect(Number(counts?.ai_rows)).toBeGreaterThan(mix === 'ai' ? 2000 : 100);
                expect(Number(counts?.sku_price_details)).toBeGreaterThan(0);
            });
        },
        120_000,
    );
});

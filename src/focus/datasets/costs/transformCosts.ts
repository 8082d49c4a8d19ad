import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { InputError, PipelineError } from '../../../errors';
import { chainSql } from '../../chainSql';
import { classifyReadError } from '../../classifyDuckDbError';
import { loadSql } from '../../loadAsset';
import { assertUniqueColumns, partHeader } from '../../partHeader';
import { prepareFocus } from '../../prepareFocus';
import { parquetTotals, Totals } from '../../totals';
import type { PartInput } from '../hubDataset';
import { costColumnMap } from './costColumns';
import { AI_METER_KEYS, loadAiMeters } from './loadAiMeters';
import { loadTagAliases } from './loadTagAliases';
import { convert, SourceColumn, stagingSelect } from './stagingSelect';
import { defaultTagAliases, TagAliases } from './tagAliases';

/** The Costs columns whose sums are reconciled. */
export const COST_TOTALS = ['BilledCost', 'EffectiveCost'] as const;

/**
 * Converts one export part into a FOCUS 1.2 Parquet file (zstd) at `outputPath`, with the AI unit-economics columns and
 * the tag columns (matched with `tagAliases`), entirely inside DuckDB, and returns the row count and cost totals read
 * back from the written file.
 */
export async function transformCosts(
    connection: DuckDBConnection,
    input: PartInput,
    outputPath: string,
    tagAliases: TagAliases = defaultTagAliases(),
): Promise<Totals> {
    await prepareFocus(connection);
    const header = await partHeader(connection, input);
    assertUniqueColumns(header, input.name);
    // CSV is read as text, so its header gives the columns; Parquet columns carry their own types.
    const columns =
        input.format === 'csv'
            ? header.map((name) => ({ name, type: 'VARCHAR' }))
            : await describe(connection, readerSql(input), input.name);
    const source = readerSql(input, columns);
    const staged = `select ${stagingSelect(columns, input.dataVersion, input.name)} from ${source}`;
    const meters = `select ${stagingSelect(columns, input.dataVersion, input.name, AI_METER_KEYS)} from ${source}`;
    try {
        await loadAiMeters(connection, `select distinct ${AI_METER_KEYS.join(', ')} from (${meters})`);
        await loadTagAliases(connection, tagAliases);
        const costs = chainSql([
            ['stg_cost', staged],
            ['focus_cost', loadSql('focus_cost_v1_2', __dirname)],
            ['ai_rows', loadSql('focus_cost_ai_rows_v1_2', __dirname)],
            ['ai_token_scale', loadSql('ai_token_scale_v1_2', __dirname)],
            ['focus_cost_ai', loadSql('focus_cost_ai_v1_2', __dirname)],
            ['focus_cost_tags', loadSql('focus_cost_tags_v1_2', __dirname)],
        ]);
        // zstd level 1: 11 % less writing CPU than the default level 3 and, on costs data, no larger (README "Output size")
        await connection.run(
            `copy (${costs}) to ${quotedString(outputPath)} (format parquet, compression zstd, compression_level 1)`,
        );
    } catch (error) {
        throw await explainFailure(connection, error, source, columns, input.name);
    }
    return parquetTotals(connection, outputPath, COST_TOTALS);
}

/**
 * The DuckDB reader of a part. CSV is read as text with Cost Management's dialect; given the columns (names quoted as
 * string literals), the reader skips sniffing.
 */
function readerSql(input: PartInput, columns?: SourceColumn[]): string {
    if (input.format === 'parquet') return `read_parquet(${quotedString(input.path)})`;
    const known = columns
        ? `, auto_detect = false, columns = {${columns.map((c) => `${quotedString(c.name)}: 'VARCHAR'`).join(', ')}}`
        : ', all_varchar = true';
    return `read_csv(${quotedString(input.path)}, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true${known})`;
}

async function describe(connection: DuckDBConnection, source: string, name: string): Promise<SourceColumn[]> {
    try {
        const reader = await connection.runAndReadAll(`describe select * from ${source}`);
        return reader.getRows().map(([column, type]) => ({ name: String(column), type: String(type) }));
    } catch (error) {
        throw classifyReadError(error, name);
    }
}

/** A conversion failure names the first column holding a value that does not fit its type, with an example. */
async function explainFailure(
    connection: DuckDBConnection,
    error: unknown,
    source: string,
    columns: SourceColumn[],
    name: string,
): Promise<PipelineError> {
    if (!/Conversion Error|Could not convert|Out of Range/i.test(String(error))) return classifyReadError(error, name);
    const types = new Map(costColumnMap().output.map((column) => [column.name.toLowerCase(), column.type]));
    for (const column of columns) {
        const type = types.get(column.name.toLowerCase());
        if (type === undefined || type === 'string' || type === 'json' || column.type !== 'VARCHAR') continue;
        const value = convert(column, type);
        const reader = await connection.runAndReadAll(
            `select ${quotedIdentifier(column.name)}::varchar from ${source}
             where ${quotedIdentifier(column.name)} is not null and try(${value}) is null limit 1`,
        );
        const bad = reader.getRows()[0]?.[0];
        if (bad !== undefined) {
            return new InputError(
                'ValueInvalid',
                `Part ${name}: column ${column.name} holds "${String(bad).slice(0, 80)}", which is not a ${type}.`,
                false,
                { cause: error },
            );
        }
    }
    return classifyReadError(error, name);
}

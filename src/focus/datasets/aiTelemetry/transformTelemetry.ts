import { DuckDBConnection, quotedString, VARCHAR } from '@duckdb/node-api';

import { InputError } from '../../../errors';
import { chainSql } from '../../chainSql';
import { classifyReadError } from '../../classifyDuckDbError';
import { loadSql } from '../../loadAsset';
import { parquetTotals, Totals } from '../../totals';
import type { PartInput } from '../hubDataset';
import { readTelemetryBody } from './telemetryBody';

/** Columns a consumer query body must have (docs/capacity.md "The telemetry folder contract"). */
const CONSUMER_COLUMNS = ['timestamp', 'name', 'consumer', 'value'];

/**
 * Converts one landed telemetry file into AITelemetry records (Parquet, zstd) at `outPath`, inside DuckDB, by the
 * body it holds: deployments page, metrics body or Logs query body. Returns the record count.
 */
export async function transformTelemetry(
    connection: DuckDBConnection,
    input: PartInput,
    outPath: string,
): Promise<Totals> {
    const body = await readTelemetryBody(connection, input);
    if (body === 'consumers') await checkConsumerColumns(connection, input.name);
    await connection.run('set variable hub_telemetry_file = $file', { file: input.name }, { file: VARCHAR });
    const query = chainSql([
        ['telemetry_records', loadSql(`telemetry_${body}`, __dirname)],
        ['ai_telemetry_v1_2', loadSql('ai_telemetry_v1_2', __dirname)],
    ]);
    try {
        await connection.run(`copy (${query}) to ${quotedString(outPath)} (format parquet, compression zstd)`);
    } catch (error) {
        throw classifyReadError(error, input.name);
    }
    return parquetTotals(connection, outPath, []);
}

/** A consumer body whose result lacks a required column is a `SchemaMismatch` naming it. */
async function checkConsumerColumns(connection: DuckDBConnection, name: string): Promise<void> {
    const reader = await connection.runAndReadAll(
        `select distinct lower(c ->> 'name') as column_name
         from (select unnest(from_json(json -> 'tables', '["json"]')) as t from telemetry_doc),
              unnest(from_json(t -> 'columns', '["json"]')) as u(c)`,
    );
    const found = new Set(reader.getRows().map(([column]) => String(column)));
    const missing = CONSUMER_COLUMNS.filter((column) => !found.has(column));
    if (missing.length > 0 && found.size > 0) {
        throw new InputError(
            'SchemaMismatch',
            `Telemetry file ${name} is a Logs query result without column(s) ${missing.join(', ')}; the consumer query must return ${CONSUMER_COLUMNS.join(', ')} (and optionally dimension, deployment).`,
        );
    }
}

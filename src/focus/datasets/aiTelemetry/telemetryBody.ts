import { statSync } from 'node:fs';

import { DuckDBConnection, quotedString } from '@duckdb/node-api';

import { InputError } from '../../../errors';
import { classifyReadError } from '../../classifyDuckDbError';
import type { PartInput } from '../hubDataset';

/** Which documented Azure response a telemetry file holds, by its shape. */
export type TelemetryBody = 'deployments' | 'metrics' | 'consumers';

/**
 * Loads a telemetry file into temp table `telemetry_doc` (one row, column `json`) and tells which body it is: an ARM
 * list page (`value` items with deployment ids), a metrics body of either API (`values`, or `value` with `namespace`,
 * `resourceregion` or `timespan`), or a Logs query body (`tables`). A truncated or non-JSON file is `PartCorrupt`; an
 * Azure error body (`{"error": …}`) is `TelemetryErrorBody`, naming its code and message; any other JSON is
 * `PartCorrupt` too, since the hub cannot tell what it holds.
 */
export async function readTelemetryBody(connection: DuckDBConnection, input: PartInput): Promise<TelemetryBody> {
    if (input.format !== 'json') {
        throw new InputError(
            'UnsupportedFileType',
            `Telemetry file ${input.name} is not JSON; a telemetry folder holds Azure API response bodies (.json).`,
        );
    }
    // The reader buffers an object up to maximum_object_size: the file's own size, so a large body needs no more
    // memory than it takes (a week of hourly metrics of 50 accounts is a few MB).
    const size = Math.max(statSync(input.path).size + 1024, 1024 * 1024);
    try {
        await connection.run(
            `create or replace temp table telemetry_doc as
             select json from read_json_objects(${quotedString(input.path)}, format = 'unstructured',
                 maximum_object_size = ${size})`,
        );
    } catch (error) {
        throw classifyReadError(error, input.name);
    }
    const reader = await connection.runAndReadAll(
        `select count(*) over () as documents, json_type(json) as type, json_keys(json)::varchar[] as keys,
                json ->> '$.error.code' as code, json ->> '$.error.message' as message
         from telemetry_doc limit 1`,
    );
    const [row] = reader.getRowObjectsJson() as {
        documents: string;
        type: string;
        keys: string[] | null;
        code: string | null;
        message: string | null;
    }[];
    const corrupt = (why: string) =>
        new InputError('PartCorrupt', `Telemetry file ${input.name} ${why}; land it again from the Azure API.`);
    if (!row) throw corrupt('is empty');
    if (Number(row.documents) !== 1 || row.type !== 'OBJECT') throw corrupt('is not one JSON object');
    const keys = new Set(row.keys ?? []);
    if (keys.has('error') && !keys.has('value') && !keys.has('values') && !keys.has('tables')) {
        throw new InputError(
            'TelemetryErrorBody',
            `Telemetry file ${input.name} is an Azure error response (${row.code ?? 'no code'}: ${String(row.message ?? '').slice(0, 300)}), not data.`,
        );
    }
    if (
        keys.has('values') ||
        (keys.has('value') && ['namespace', 'resourceregion', 'timespan'].some((k) => keys.has(k)))
    ) {
        return 'metrics';
    }
    if (keys.has('tables')) return 'consumers';
    if (keys.has('value')) return 'deployments';
    throw corrupt(
        `is JSON with keys ${[...keys].join(', ') || 'none'}, none of a deployments page, metrics or Logs body`,
    );
}

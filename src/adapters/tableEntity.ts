import type { TableEntity } from '@azure/data-tables';

import { PipelineError } from '../errors';
import { type FieldKind, type RecordSchema, storedRecord } from '../pipeline/runStoreRecords';

type Row = Record<string, unknown>;

/** Azure Table Storage limits: a string property holds 64 KiB (UTF-16), an entity 1 MiB. */
export const MAX_PROPERTY_BYTES = 64 * 1024;
export const MAX_ENTITY_BYTES = 1024 * 1024;

const INT32_MAX = 2 ** 31 - 1;

/**
 * The entity for a record: every schema field that is set (see storedRecord), JSON values as JSON text, whole numbers
 * beyond Int32 as Int64. Throws a PipelineError naming the field when the entity would break a table limit.
 */
export function toEntity<T extends object>(
    partitionKey: string,
    rowKey: string,
    schema: RecordSchema<T>,
    record: T,
): TableEntity<Row> {
    const entity: TableEntity<Row> = { partitionKey, rowKey };
    const kinds: Record<string, FieldKind> = schema;
    // Size as Azure counts it: 4 bytes, the keys in UTF-16, and per property 8 bytes, its name and its value.
    let bytes = 4 + 2 * (partitionKey.length + rowKey.length);
    for (const [field, value] of Object.entries(storedRecord(schema, record) as Row)) {
        const property = kinds[field] === 'json' ? JSON.stringify(value) : value;
        if (typeof property === 'string' && 2 * property.length > MAX_PROPERTY_BYTES) {
            throw tooLarge(rowKey, `field ${field} takes ${2 * property.length} bytes`, MAX_PROPERTY_BYTES, 'property');
        }
        const large = typeof property === 'number' && Math.abs(property) > INT32_MAX;
        entity[field] = large ? { value: String(property), type: 'Int64' } : property;
        bytes += 8 + 2 * field.length + (typeof property === 'string' ? 4 + 2 * property.length : 8);
    }
    if (bytes > MAX_ENTITY_BYTES) throw tooLarge(rowKey, `it takes ${bytes} bytes`, MAX_ENTITY_BYTES, 'entity');
    return entity;
}

/** The record stored in an entity: exactly its schema's fields that were written, no table bookkeeping. */
export function fromEntity<T>(row: Row, schema: RecordSchema<T>): T {
    const record: Row = {};
    for (const [field, kind] of Object.entries<FieldKind>(schema)) {
        const value = row[field];
        if (value === undefined || value === null) continue;
        if (kind === 'json' && typeof value === 'string') record[field] = JSON.parse(value);
        else record[field] = typeof value === 'bigint' ? Number(value) : value;
    }
    return record as T;
}

function tooLarge(rowKey: string, what: string, limit: number, unit: string): PipelineError {
    return new PipelineError(
        'TransformFailed',
        `Record ${rowKey} does not fit Azure Table Storage: ${what}, and a table ${unit} holds at most ${limit} bytes. ` +
            'Nothing was written; open an issue with this message.',
    );
}

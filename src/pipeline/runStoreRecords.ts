import type { Lease, PartRecord, Publication, RunRecord } from './ports';

/**
 * How a run-store field is persisted: `text` and `integer` as they are, `message` as text cut to MAX_ERROR_LENGTH (a
 * failure must always be recordable), `json` (objects and lists) as JSON text where a store holds only scalars.
 */
export type FieldKind = 'text' | 'message' | 'integer' | 'json';

type KindOf<V> = [NonNullable<V>] extends [string]
    ? 'text' | 'message'
    : [NonNullable<V>] extends [number]
      ? 'integer'
      : 'json';

/** Every field of a record with its kind: the compiler rejects a schema that misses a field of `T` or adds one. */
export type RecordSchema<T> = { readonly [K in keyof T]-?: KindOf<T[K]> };

/** Error texts are cut to this many characters (a table property holds at most 64 KiB). */
export const MAX_ERROR_LENGTH = 4000;

/** The records a RunStore holds, field by field (ports.ts says what each field means). */
export const RUN_SCHEMA: RecordSchema<RunRecord> = {
    runId: 'text',
    scope: 'text',
    manifest: 'text',
    dataset: 'text',
    exportType: 'text',
    dataVersion: 'text',
    month: 'text',
    periodStart: 'text',
    periodEnd: 'text',
    submittedTime: 'text',
    status: 'text',
    partCount: 'integer',
    declaredRows: 'integer',
    startedAt: 'text',
    heartbeatAt: 'text',
    resumes: 'integer',
    claim: 'text',
    stagedAt: 'text',
    finishedAt: 'text',
    totals: 'json',
    errorCode: 'text',
    error: 'message',
    warnings: 'json',
    details: 'text',
};

export const PART_SCHEMA: RecordSchema<PartRecord> = {
    runId: 'text',
    scope: 'text',
    index: 'integer',
    blobName: 'text',
    outputName: 'text',
    status: 'text',
    declaredRows: 'integer',
    totals: 'json',
    validation: 'text',
    startedAt: 'text',
    finishedAt: 'text',
    errorCode: 'text',
    error: 'message',
};

export const PUBLICATION_SCHEMA: RecordSchema<Publication> = {
    dataset: 'text',
    scope: 'text',
    month: 'text',
    runId: 'text',
    submittedTime: 'text',
    publishedAt: 'text',
    sources: 'json',
};

export const LEASE_SCHEMA: RecordSchema<Lease> = { name: 'text', holder: 'json', expiresAt: 'text', swap: 'json' };

/**
 * What a run store keeps of `record`: exactly the schema's fields that are set, messages cut. Both stores persist
 * this and nothing else, so a record reads back the same from a laptop's state file and from Azure.
 */
export function storedRecord<T extends object>(schema: RecordSchema<T>, record: T): T {
    const stored: Record<string, unknown> = {};
    for (const [field, kind] of Object.entries<FieldKind>(schema)) {
        const value = (record as Record<string, unknown>)[field];
        if (value === undefined) continue;
        stored[field] = kind === 'message' && typeof value === 'string' ? value.slice(0, MAX_ERROR_LENGTH) : value;
    }
    return stored as T;
}

import { odata, type TableClient, type TableEntity } from '@azure/data-tables';

import { TransientError } from '../errors';
import { byRunKey, type RunRef } from '../focus/runRef';
import type { Lease, PartRecord, Publication, RunRecord, RunStore, Versioned } from '../pipeline/ports';
import { storageStatus } from './storageClients';

type Row = Record<string, unknown>;

const RUN_FIELDS = [
    'runId',
    'scope',
    'manifest',
    'dataset',
    'exportType',
    'dataVersion',
    'month',
    'periodStart',
    'periodEnd',
    'submittedTime',
    'status',
    'partCount',
    'startedAt',
    'heartbeatAt',
    'resumes',
    'claim',
    'stagedAt',
    'finishedAt',
    'totals',
    'errorCode',
    'error',
    'warnings',
    'details',
] as const satisfies readonly (keyof RunRecord)[];
const PART_FIELDS = [
    'runId',
    'scope',
    'index',
    'blobName',
    'outputName',
    'status',
    'declaredRows',
    'totals',
    'validation',
    'startedAt',
    'finishedAt',
    'errorCode',
    'error',
] as const satisfies readonly (keyof PartRecord)[];
const PUBLICATION_FIELDS = ['dataset', 'scope', 'month', 'runId', 'submittedTime', 'publishedAt', 'sources'] as const;
const LEASE_FIELDS = ['name', 'holder', 'expiresAt', 'swap'] as const;
/** Fields stored as JSON text (a table property holds only scalars). */
const JSON_FIELDS = new Set(['totals', 'warnings', 'holder', 'swap', 'sources']);

/** Error texts are cut to this many characters (a table property holds at most 64 KiB). */
export const MAX_ERROR_LENGTH = 4000;

/**
 * RunStore over one table: runs (PartitionKey `run`, RowKey from scope and run id), their parts (`part-<run key>`,
 * RowKey the zero-padded index), publications (`publication`, RowKey from dataset, scope and month) and publish leases
 * (`lease`). Conditional writes use the entity ETag.
 */
export function createTableRunStore(table: TableClient): RunStore {
    let ready: Promise<void> | undefined;
    /** Creates the table on first use (an existing table is fine), then runs `work`; failures become transient. */
    async function use<T>(action: string, work: () => Promise<T>): Promise<T> {
        try {
            await (ready ??= table.createTable().catch((error: unknown) => {
                if (storageStatus(error) === 409) return;
                ready = undefined;
                throw error;
            }));
            return await work();
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            const message = `Could not ${action} in table ${table.tableName}: ${reason}`;
            throw new TransientError('StorageUnavailable', message, { cause: error });
        }
    }
    /** Runs a conditional write: true when it happened, false on a status in `lost` (another writer won). */
    const conditional = (action: string, lost: number[], write: () => Promise<unknown>) =>
        use(action, () =>
            write().then(
                () => true,
                (error: unknown) => {
                    if (lost.includes(storageStatus(error) ?? 0)) return false;
                    throw error;
                },
            ),
        );
    const read = <T>(partitionKey: string, rowKey: string, fields: readonly string[]) =>
        use(`read ${partitionKey} ${rowKey}`, async (): Promise<Versioned<T> | undefined> => {
            const row = await table.getEntity<Row>(partitionKey, rowKey).catch((error: unknown) => {
                if (storageStatus(error) === 404) return undefined;
                throw error;
            });
            return row && { value: fromEntity<T>(row, fields), etag: row.etag };
        });
    const listVersioned = <T>(partitionKey: string, fields: readonly string[], anyOf?: string[]) =>
        use(`list ${partitionKey}`, async () => {
            const records: Versioned<T>[] = [];
            const filter = odata`PartitionKey eq ${partitionKey}` + (anyOf ? ` and (${anyOf.join(' or ')})` : '');
            for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) {
                records.push({ value: fromEntity<T>(row, fields), etag: row.etag });
            }
            return records;
        });
    const list = async <T>(partitionKey: string, fields: readonly string[], anyOf?: string[]) =>
        (await listVersioned<T>(partitionKey, fields, anyOf)).map(({ value }) => value);

    const runEntity = (run: RunRecord) => toEntity('run', runRowKey(run), run, RUN_FIELDS);
    const partEntity = (part: PartRecord) => toEntity(partPartition(part), partRowKey(part.index), part, PART_FIELDS);
    const publicationKey = (dataset: string, scope: string, month: string) =>
        [dataset, scope, month].map(keyPart).join('|');
    const publicationEntity = (p: Publication) =>
        toEntity('publication', publicationKey(p.dataset, p.scope, p.month), p, PUBLICATION_FIELDS);

    return {
        async createRun(run) {
            const create = () => table.createEntity(runEntity(run));
            if (await conditional(`create run ${run.runId}`, [409], create)) return { created: true };
            const existing = await read<RunRecord>('run', runRowKey(run), RUN_FIELDS);
            if (existing) return { created: false, existing };
            throw new TransientError('StorageUnavailable', `Run ${run.runId} vanished from table ${table.tableName}.`);
        },
        getRun: (ref) => read<RunRecord>('run', runRowKey(ref), RUN_FIELDS),
        updateRun: (run, etag) =>
            conditional(`update run ${run.runId}`, [404, 412], () =>
                table.updateEntity(runEntity(run), 'Replace', { etag }),
            ),
        putPart: (part) =>
            use(`write part ${part.index} of run ${part.runId}`, async () => {
                await table.upsertEntity(partEntity(part), 'Replace');
            }),
        getPart: (ref, index) => read<PartRecord>(partPartition(ref), partRowKey(index), PART_FIELDS),
        updatePart: async (part, etag) => {
            let written: string | undefined;
            const write = async () => {
                written = (await table.updateEntity(partEntity(part), 'Replace', { etag })).etag;
            };
            return (await conditional(`update part ${part.index} of run ${part.runId}`, [404, 412], write))
                ? written
                : undefined;
        },
        listParts: async (ref) =>
            (await list<PartRecord>(partPartition(ref), PART_FIELDS)).sort((a, b) => a.index - b.index),
        listRuns: async (statuses) => {
            const runs = await list<RunRecord>(
                'run',
                RUN_FIELDS,
                statuses?.map((s) => odata`status eq ${s}`),
            );
            return runs.sort(byRunKey);
        },
        getPublication: (dataset, scope, month) =>
            read<Publication>('publication', publicationKey(dataset, scope, month), PUBLICATION_FIELDS),
        listPublications: (dataset) =>
            list<Publication>('publication', PUBLICATION_FIELDS, [odata`dataset eq ${dataset}`]),
        putPublication: (publication, etag) =>
            etag === undefined
                ? conditional('create publication', [409], () => table.createEntity(publicationEntity(publication)))
                : conditional('replace publication', [404, 412], () =>
                      table.updateEntity(publicationEntity(publication), 'Replace', { etag }),
                  ),
        getLease: (name) => read<Lease>('lease', keyPart(name), LEASE_FIELDS),
        listLeases: () => listVersioned<Lease>('lease', LEASE_FIELDS),
        putLease: async (lease, etag) => {
            const entity = toEntity('lease', keyPart(lease.name), lease, LEASE_FIELDS);
            let written: string | undefined;
            const write = async () => {
                const response =
                    etag === undefined
                        ? await table.createEntity(entity)
                        : await table.updateEntity(entity, 'Replace', { etag });
                written = response.etag;
            };
            const won = await conditional(`write lease ${lease.name}`, etag === undefined ? [409] : [404, 412], write);
            return won ? written : undefined;
        },
        deleteLease: (name, etag) =>
            conditional('delete lease', [404, 412], () => table.deleteEntity('lease', keyPart(name), { etag })),
    };
}

/** A run's RowKey: its scope and id, each made key-safe (`|` cannot occur inside either). */
const runRowKey = (ref: RunRef) => `${keyPart(ref.scope)}|${keyPart(ref.runId)}`;

const partPartition = (ref: RunRef) => `part-${runRowKey(ref)}`;

const partRowKey = (index: number) => String(index).padStart(6, '0');

/**
 * Makes text safe inside a PartitionKey or RowKey (which forbid `/ \ # ?` and control characters): letters, digits,
 * `-`, `_` and `.` stay, every other UTF-8 byte becomes `~` and two hex digits. Different texts give different keys.
 */
export function keyPart(text: string): string {
    let key = '';
    for (const byte of Buffer.from(text, 'utf8')) {
        const char = String.fromCharCode(byte);
        key += /[A-Za-z0-9._-]/.test(char) ? char : `~${byte.toString(16).padStart(2, '0')}`;
    }
    return key;
}

/** The entity for a record: only fields that are set, objects as JSON text, errors cut to MAX_ERROR_LENGTH. */
function toEntity(partitionKey: string, rowKey: string, record: object, fields: readonly string[]): TableEntity<Row> {
    const source = record as Row;
    const entity: TableEntity<Row> = { partitionKey, rowKey };
    for (const field of fields) {
        const value = source[field];
        if (value === undefined) continue;
        if (JSON_FIELDS.has(field)) entity[field] = JSON.stringify(value);
        else entity[field] = field === 'error' && typeof value === 'string' ? value.slice(0, MAX_ERROR_LENGTH) : value;
    }
    return entity;
}

/** The record stored in an entity: exactly the fields that were written, no table bookkeeping. */
function fromEntity<T>(row: Row, fields: readonly string[]): T {
    const record: Row = {};
    for (const field of fields) {
        const value = row[field];
        if (value === undefined || value === null) continue;
        record[field] = JSON_FIELDS.has(field) && typeof value === 'string' ? JSON.parse(value) : value;
    }
    return record as T;
}

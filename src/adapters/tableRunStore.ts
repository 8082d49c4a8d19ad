import { odata, type TableClient } from '@azure/data-tables';

import { PipelineError, TransientError } from '../errors';
import { byRunKey, type RunRef } from '../focus/runRef';
import type { PartRecord, Publication, RunRecord, RunStore, Versioned } from '../pipeline/ports';
import {
    LEASE_SCHEMA,
    PART_SCHEMA,
    PUBLICATION_SCHEMA,
    type RecordSchema,
    RUN_SCHEMA,
} from '../pipeline/runStoreRecords';
import { storageStatus } from './storageClients';
import { fromEntity, toEntity } from './tableEntity';

type Row = Record<string, unknown>;

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
            if (error instanceof PipelineError) throw error;
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
    const read = <T>(partitionKey: string, rowKey: string, schema: RecordSchema<T>) =>
        use(`read ${partitionKey} ${rowKey}`, async (): Promise<Versioned<T> | undefined> => {
            const row = await table.getEntity<Row>(partitionKey, rowKey).catch((error: unknown) => {
                if (storageStatus(error) === 404) return undefined;
                throw error;
            });
            return row && { value: fromEntity(row, schema), etag: row.etag };
        });
    const listVersioned = <T>(partitionKey: string, schema: RecordSchema<T>, anyOf?: string[]) =>
        use(`list ${partitionKey}`, async () => {
            const records: Versioned<T>[] = [];
            const filter = odata`PartitionKey eq ${partitionKey}` + (anyOf ? ` and (${anyOf.join(' or ')})` : '');
            for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) {
                records.push({ value: fromEntity(row, schema), etag: row.etag });
            }
            return records;
        });
    const list = async <T>(partitionKey: string, schema: RecordSchema<T>, anyOf?: string[]) =>
        (await listVersioned(partitionKey, schema, anyOf)).map(({ value }) => value);

    const runEntity = (run: RunRecord) => toEntity('run', runRowKey(run), RUN_SCHEMA, run);
    const partEntity = (part: PartRecord) => toEntity(partPartition(part), partRowKey(part.index), PART_SCHEMA, part);
    const publicationKey = (dataset: string, scope: string, month: string) =>
        [dataset, scope, month].map(keyPart).join('|');
    const publicationEntity = (p: Publication) =>
        toEntity('publication', publicationKey(p.dataset, p.scope, p.month), PUBLICATION_SCHEMA, p);

    return {
        async createRun(run) {
            const create = () => table.createEntity(runEntity(run));
            if (await conditional(`create run ${run.runId}`, [409], create)) return { created: true };
            const existing = await read('run', runRowKey(run), RUN_SCHEMA);
            if (existing) return { created: false, existing };
            throw new TransientError('StorageUnavailable', `Run ${run.runId} vanished from table ${table.tableName}.`);
        },
        getRun: (ref) => read('run', runRowKey(ref), RUN_SCHEMA),
        updateRun: (run, etag) =>
            conditional(`update run ${run.runId}`, [404, 412], () =>
                table.updateEntity(runEntity(run), 'Replace', { etag }),
            ),
        putPart: (part) =>
            use(`write part ${part.index} of run ${part.runId}`, async () => {
                await table.upsertEntity(partEntity(part), 'Replace');
            }),
        getPart: (ref, index) => read(partPartition(ref), partRowKey(index), PART_SCHEMA),
        updatePart: async (part, etag) => {
            let written: string | undefined;
            const write = async () => {
                written = (await table.updateEntity(partEntity(part), 'Replace', { etag })).etag;
            };
            return (await conditional(`update part ${part.index} of run ${part.runId}`, [404, 412], write))
                ? written
                : undefined;
        },
        listParts: async (ref) => (await list(partPartition(ref), PART_SCHEMA)).sort((a, b) => a.index - b.index),
        listRuns: async (statuses) => {
            const runs = await list(
                'run',
                RUN_SCHEMA,
                statuses?.map((s) => odata`status eq ${s}`),
            );
            return runs.sort(byRunKey);
        },
        getPublication: (dataset, scope, month) =>
            read('publication', publicationKey(dataset, scope, month), PUBLICATION_SCHEMA),
        listPublications: (dataset) => list('publication', PUBLICATION_SCHEMA, [odata`dataset eq ${dataset}`]),
        putPublication: (publication, etag) =>
            etag === undefined
                ? conditional('create publication', [409], () => table.createEntity(publicationEntity(publication)))
                : conditional('replace publication', [404, 412], () =>
                      table.updateEntity(publicationEntity(publication), 'Replace', { etag }),
                  ),
        getLease: (name) => read('lease', keyPart(name), LEASE_SCHEMA),
        listLeases: () => listVersioned('lease', LEASE_SCHEMA),
        putLease: async (lease, etag) => {
            const entity = toEntity('lease', keyPart(lease.name), LEASE_SCHEMA, lease);
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

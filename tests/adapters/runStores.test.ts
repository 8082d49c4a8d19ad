import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';

import { createFileRunStore } from '../../src/adapters/fileRunStore';
import { createStorageClients } from '../../src/adapters/storageClients';
import { MAX_ENTITY_BYTES, MAX_PROPERTY_BYTES } from '../../src/adapters/tableEntity';
import { createTableRunStore, keyPart } from '../../src/adapters/tableRunStore';
import type { Lease, PartRecord, Publication, RunRecord, RunStore } from '../../src/pipeline/ports';
import {
    type FieldKind,
    LEASE_SCHEMA,
    MAX_ERROR_LENGTH,
    PART_SCHEMA,
    PUBLICATION_SCHEMA,
    type RecordSchema,
    RUN_SCHEMA,
} from '../../src/pipeline/runStoreRecords';
import { type Azurite, startAzurite } from '../helpers/azurite';

let azurite: Azurite | undefined;
let scratch: string;
let tables = 0;

beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'run-stores-'));
    azurite = await startAzurite();
});

afterAll(async () => {
    await azurite?.stop();
    rmSync(scratch, { recursive: true, force: true });
});

const tableClient = () =>
    createStorageClients({ connectionString: azurite?.connectionString }).tableClient(`hubruns${++tables}`);

const implementations: [string, () => RunStore][] = [
    ['Azure table', () => createTableRunStore(tableClient())],
    ['state file', () => createFileRunStore(mkdtempSync(join(scratch, 'state-')))],
];

const SCOPE = 'subscriptions/0000-1111';
const ref = (runId: string) => ({ scope: SCOPE, runId });

const minimalRun: RunRecord = {
    runId: 'run-1',
    manifest: 'focus/hub/20250101-20250131/1a2b/manifest.json',
    dataset: 'Costs',
    exportType: 'FocusCost',
    dataVersion: '1.0r2',
    scope: SCOPE,
    month: '2025-01',
    submittedTime: '2025-02-01T04:05:06Z',
    status: 'running',
    partCount: 3,
    startedAt: '2025-02-01T05:00:00Z',
};

const fullRun: RunRecord = {
    ...minimalRun,
    runId: 'run-2',
    status: 'failed',
    finishedAt: '2025-02-01T05:10:00Z',
    heartbeatAt: '2025-02-01T05:09:00Z',
    resumes: 2,
    stagedAt: '2025-02-01T05:08:00Z',
    periodStart: '2025-01-01',
    periodEnd: '2025-01-31',
    totals: {
        rows: 3_000_000_000,
        sums: {},
        // Reconciliation figures: output and input per currency, and what documented rules moved.
        byCurrency: [
            {
                currency: 'EUR',
                rows: 2_999_999_999,
                sums: { BilledCost: '12345678901234567890.1', EffectiveCost: '0' },
            },
            { currency: 'USD', rows: 1, sums: { BilledCost: '0.023456789012345678', EffectiveCost: '-0.5' } },
        ],
        input: [
            {
                currency: 'EUR',
                rows: 2_999_999_999,
                sums: { BilledCost: '12345678901234567890.1', EffectiveCost: '7' },
            },
            { currency: 'USD', rows: 1, sums: { BilledCost: '0.023456789012345678', EffectiveCost: '-0.5' } },
        ],
        changes: [
            {
                code: 'ZeroedEffectiveCostOfCommitmentPurchase',
                currency: 'EUR',
                rows: 1,
                sums: { EffectiveCost: '7' },
            },
            { code: 'CorrectionOutsidePeriod', currency: null, rows: 2, sums: {} },
        ],
    },
    errorCode: 'SchemaMismatch',
    error: 'Column "BilledCost" is missing.',
    details: '{"validation":{"ok":false}}',
};

/**
 * A value of `kind` that a careless store would mangle: key-unsafe and non-ASCII text, a whole number past Int32,
 * nested JSON with exact decimals, nulls and a negative fraction.
 */
function sample(field: string, kind: FieldKind): unknown {
    if (kind === 'integer') return 3_000_000_000 + field.length;
    const text = `${field} /\\#?|'"% é€😀`;
    return kind === 'json' ? { text, list: [null, true, '0.000000000000000001', { deep: [-2.5, 0] }] } : text;
}

/** A record with every field of `schema` set: a field added to a record type extends this test by itself. */
function everyField<T>(schema: RecordSchema<T>): T {
    return Object.fromEntries(
        Object.entries<FieldKind>(schema).map(([field, kind]) => [field, sample(field, kind)]),
    ) as T;
}

describe.each(implementations)('RunStore over a %s', (_kind, makeStore) => {
    let store: RunStore;
    beforeEach(() => {
        store = makeStore();
    });

    it('persists every field of every record and reads it back equal', async () => {
        const run = everyField(RUN_SCHEMA);
        const part = everyField(PART_SCHEMA);
        const publication = everyField(PUBLICATION_SCHEMA);
        const lease = everyField(LEASE_SCHEMA);
        await store.createRun(run);
        await store.putPart(part);
        await store.putPublication(publication, undefined);
        await store.putLease(lease, undefined);

        expect((await store.getRun(run))?.value).toStrictEqual(run);
        await expect(store.listRuns()).resolves.toStrictEqual([run]);
        expect((await store.getPart(part, part.index))?.value).toStrictEqual(part);
        await expect(store.listParts(part)).resolves.toStrictEqual([part]);
        const { dataset, scope, month } = publication;
        expect((await store.getPublication(dataset, scope, month))?.value).toStrictEqual(publication);
        await expect(store.listPublications(dataset)).resolves.toStrictEqual([publication]);
        expect((await store.getLease(lease.name))?.value).toStrictEqual(lease);
        expect((await store.listLeases()).map(({ value }) => value)).toStrictEqual([lease]);
    });

    it('keeps only the schema’s fields and cuts long error texts', async () => {
        const stray = { ...fullRun, error: 'e'.repeat(100_000), note: 'not a run field' } as RunRecord;
        await store.createRun(stray);
        expect((await store.getRun(fullRun))?.value).toStrictEqual({ ...fullRun, error: 'e'.repeat(MAX_ERROR_LENGTH) });
    });

    it('gives back exactly the runs that were written', async () => {
        await expect(store.createRun(minimalRun)).resolves.toEqual({ created: true });
        await expect(store.createRun(fullRun)).resolves.toEqual({ created: true });
        expect((await store.getRun(ref('run-1')))?.value).toStrictEqual(minimalRun);
        expect((await store.getRun(ref('run-2')))?.value).toStrictEqual(fullRun);
        await expect(store.getRun(ref('run-3'))).resolves.toBeUndefined();
        await expect(store.listRuns()).resolves.toStrictEqual([minimalRun, fullRun]);
    });

    it('returns the existing run with its etag when a run is created twice', async () => {
        await store.createRun(minimalRun);
        const stored = await store.getRun(ref('run-1'));
        const second = await store.createRun({ ...minimalRun, status: 'succeeded', partCount: 9 });
        expect(second).toStrictEqual({ created: false, existing: stored });
        expect((await store.getRun(ref('run-1')))?.value).toStrictEqual(minimalRun);
    });

    it('updates a run only with its current etag', async () => {
        await store.createRun(minimalRun);
        const first = await store.getRun(ref('run-1'));
        const publishing: RunRecord = { ...minimalRun, status: 'publishing' };
        await expect(store.updateRun(publishing, first?.etag ?? '')).resolves.toBe(true);
        const second = await store.getRun(ref('run-1'));
        expect(second?.value).toStrictEqual(publishing);
        expect(second?.etag).not.toBe(first?.etag);

        await expect(store.updateRun({ ...minimalRun, status: 'failed' }, first?.etag ?? '')).resolves.toBe(false);
        await expect(store.getRun(ref('run-1'))).resolves.toStrictEqual(second);
        await expect(store.updateRun({ ...minimalRun, runId: 'ghost' }, second?.etag ?? '')).resolves.toBe(false);
        await expect(store.getRun(ref('ghost'))).resolves.toBeUndefined();
    });

    it('lets exactly one of two racing updates win', async () => {
        await store.createRun(minimalRun);
        const { etag } = (await store.getRun(ref('run-1'))) ?? { etag: '' };
        const results = await Promise.all([
            store.updateRun({ ...minimalRun, status: 'succeeded' }, etag),
            store.updateRun({ ...minimalRun, status: 'failed' }, etag),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results[0] ? 'succeeded' : 'failed';
        expect((await store.getRun(ref('run-1')))?.value.status).toBe(winner);
    });

    it('upserts parts and lists one run’s parts by index', async () => {
        const part = (index: number, extra: Partial<PartRecord> = {}): PartRecord => ({
            ...ref('run-1'),
            index,
            blobName: `focus/part_0_${String(index).padStart(4, '0')}.csv.gz`,
            outputName: `run-1__part_0_${String(index).padStart(4, '0')}.parquet`,
            status: 'pending',
            ...extra,
        });
        const done = part(2, {
            status: 'succeeded',
            declaredRows: 41,
            totals: {
                rows: 7,
                sums: { BilledCost: '1.000000000000000001', EffectiveCost: '0' },
                byCurrency: [
                    { currency: 'USD', rows: 7, sums: { BilledCost: '1.000000000000000001', EffectiveCost: '0' } },
                ],
                input: [{ currency: 'USD', rows: 7, sums: { BilledCost: '1.000000000000000001', EffectiveCost: '2' } }],
                changes: [
                    {
                        code: 'ZeroedEffectiveCostOfCommitmentPurchase',
                        currency: 'USD',
                        rows: 1,
                        sums: { EffectiveCost: '2' },
                    },
                ],
            },
            startedAt: '2025-02-01T05:01:00Z',
            finishedAt: '2025-02-01T05:02:00Z',
        });
        await Promise.all([part(10), part(2, { status: 'running' }), part(1)].map((p) => store.putPart(p)));
        await store.putPart({ ...part(0), runId: 'run-other' });
        await store.putPart({ ...part(3), scope: 'subscriptions/other' });
        await store.putPart(done);

        await expect(store.listParts(ref('run-1'))).resolves.toStrictEqual([part(1), done, part(10)]);
        await store.putPart(part(2));
        await expect(store.listParts(ref('run-1'))).resolves.toStrictEqual([part(1), part(2), part(10)]);
        await expect(store.listParts(ref('run-none'))).resolves.toEqual([]);
    });

    it('moves a part only from the version its writer read, and gives each write its new version', async () => {
        const part: PartRecord = {
            ...ref('run-5'),
            index: 3,
            blobName: 'focus/part_0_0004.csv.gz',
            outputName: 'run-5__part_0_0004.parquet',
            status: 'pending',
        };
        await store.putPart(part);
        const read = await store.getPart(ref('run-5'), 3);
        expect(read?.value).toStrictEqual(part);
        const claimed = await store.updatePart({ ...part, status: 'running' }, read?.etag ?? '');
        expect(claimed).toEqual(expect.any(String));
        // A second worker that read the same version loses; the first carries on from the version it wrote.
        await expect(store.updatePart({ ...part, status: 'running' }, read?.etag ?? '')).resolves.toBeUndefined();
        const done = await store.updatePart({ ...part, status: 'succeeded' }, claimed ?? '');
        expect(done).toEqual(expect.any(String));
        await expect(store.getPart(ref('run-5'), 3)).resolves.toStrictEqual({
            value: { ...part, status: 'succeeded' },
            etag: done,
        });
        await expect(store.getPart(ref('run-5'), 4)).resolves.toBeUndefined();
        await expect(store.updatePart({ ...part, index: 9 }, done ?? '')).resolves.toBeUndefined();
    });

    it('creates and replaces publications conditionally, keyed by dataset, scope and month', async () => {
        const scope = '/providers/Microsoft.Billing/billingAccounts/12:34?x#y\\z';
        const publication: Publication = {
            dataset: 'FocusCost',
            scope,
            month: '2025-01',
            runId: 'run-1',
            submittedTime: '2025-02-01T04:05:06Z',
            publishedAt: '2025-02-01T05:20:00Z',
        };
        await expect(store.getPublication('FocusCost', scope, '2025-01')).resolves.toBeUndefined();
        await expect(store.putPublication(publication, undefined)).resolves.toBe(true);
        await expect(store.putPublication({ ...publication, runId: 'run-x' }, undefined)).resolves.toBe(false);
        const first = await store.getPublication('FocusCost', scope, '2025-01');
        expect(first?.value).toStrictEqual(publication);

        const newer = { ...publication, runId: 'run-2', submittedTime: '2025-02-02T04:05:06Z' };
        await expect(store.putPublication(newer, first?.etag)).resolves.toBe(true);
        await expect(store.putPublication({ ...publication, runId: 'run-3' }, first?.etag)).resolves.toBe(false);
        expect((await store.getPublication('FocusCost', scope, '2025-01'))?.value).toStrictEqual(newer);

        const lookalike = { ...publication, scope: keyPart(scope) };
        await expect(store.putPublication(lookalike, undefined)).resolves.toBe(true);
        expect((await store.getPublication('FocusCost', keyPart(scope), '2025-01'))?.value).toStrictEqual(lookalike);
        await expect(store.getPublication('FocusCost', scope, '2025-02')).resolves.toBeUndefined();
        await store.putPublication({ ...publication, dataset: 'Anomalies' }, undefined);
        const listed = await store.listPublications('FocusCost');
        expect(listed.sort((a, b) => a.scope.localeCompare(b.scope))).toStrictEqual(
            [newer, lookalike].sort((a, b) => a.scope.localeCompare(b.scope)),
        );
        await expect(store.listPublications('Anomalies')).resolves.toStrictEqual([
            { ...publication, dataset: 'Anomalies' },
        ]);
    });
    it('keeps runs of the same id in different scopes apart, and lists runs by status', async () => {
        const elsewhere: RunRecord = {
            ...minimalRun,
            scope: 'providers/microsoft.billing/billingaccounts/1',
            partCount: 1,
        };
        await expect(store.createRun(minimalRun)).resolves.toEqual({ created: true });
        await expect(store.createRun(elsewhere)).resolves.toEqual({ created: true });
        expect((await store.getRun(elsewhere))?.value).toStrictEqual(elsewhere);
        expect((await store.getRun(minimalRun))?.value).toStrictEqual(minimalRun);
        await store.createRun(fullRun);
        await expect(store.listRuns(['failed'])).resolves.toStrictEqual([fullRun]);
        await expect(store.listRuns(['running', 'publishing'])).resolves.toStrictEqual([elsewhere, minimalRun]);
        await expect(store.listRuns(['succeeded'])).resolves.toStrictEqual([]);
    });

    it('creates, renews and deletes leases only at their current etag', async () => {
        const lease: Lease = {
            name: 'Costs/2025-01',
            holder: { ...ref('run-1'), claim: 'c1' },
            expiresAt: '2025-02-01T05:10:00Z',
        };
        await expect(store.getLease(lease.name)).resolves.toBeUndefined();
        const created = await store.putLease(lease, undefined);
        expect(created).toEqual(expect.any(String));
        await expect(
            store.putLease({ ...lease, holder: { ...ref('run-2'), claim: 'c2' } }, undefined),
        ).resolves.toBeUndefined();
        const first = await store.getLease(lease.name);
        expect(first).toStrictEqual({ value: lease, etag: created });
        const swapping: Lease = {
            ...lease,
            swap: {
                run: ref('run-1'),
                claim: 'c1',
                dataset: 'Costs',
                phase: 'retire',
                retired: '_retired/20250201T051000-run-1',
            },
        };
        const renewed = await store.putLease(swapping, created);
        expect(renewed).toEqual(expect.any(String));
        expect(renewed).not.toBe(created);
        await expect(store.putLease(lease, created)).resolves.toBeUndefined();
        await expect(store.getLease(lease.name)).resolves.toStrictEqual({ value: swapping, etag: renewed });
        await expect(store.deleteLease(lease.name, created ?? '')).resolves.toBe(false);
        await expect(store.listLeases()).resolves.toStrictEqual([{ value: swapping, etag: renewed }]);
        await expect(store.deleteLease(lease.name, renewed ?? '')).resolves.toBe(true);
        await expect(store.getLease(lease.name)).resolves.toBeUndefined();
        await expect(store.listLeases()).resolves.toEqual([]);
    });
});

describe('table run store', () => {
    it('refuses a record that breaks a table limit, naming the field, and writes nothing', async () => {
        const store = createTableRunStore(tableClient());
        const details = 'd'.repeat(MAX_PROPERTY_BYTES / 2 + 1);
        await expect(store.createRun({ ...fullRun, details })).rejects.toMatchObject({
            code: 'TransformFailed',
            retryable: false,
            message: expect.stringMatching(/field details takes 65538 bytes.*at most 65536 bytes/) as unknown,
        });
        // Every text property just under its limit: together more than an entity holds.
        const filled = { ...fullRun } as Record<string, unknown>;
        for (const [field, kind] of Object.entries<FieldKind>(RUN_SCHEMA)) {
            if (kind === 'text') filled[field] = 'x'.repeat(MAX_PROPERTY_BYTES / 2 - 2);
        }
        await expect(store.createRun({ ...(filled as unknown as RunRecord), ...ref('run-2') })).rejects.toMatchObject({
            code: 'TransformFailed',
            message: expect.stringContaining(`at most ${MAX_ENTITY_BYTES} bytes`) as unknown,
        });
        await expect(store.getRun(ref('run-2'))).resolves.toBeUndefined();
    });

    it('reports an unreachable table as transient', async () => {
        const connectionString = (azurite?.connectionString ?? '').replace(
            /TableEndpoint=http:\/\/127\.0\.0\.1:\d+/,
            'TableEndpoint=http://127.0.0.1:1',
        );
        const options = { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } };
        const store = createTableRunStore(TableClient.fromConnectionString(connectionString, 'hubruns', options));
        await expect(store.getRun(ref('run-1'))).rejects.toMatchObject({
            name: 'TransientError',
            code: 'StorageUnavailable',
        });
    });
});

describe('file run store', () => {
    it('keeps its state for the next process and leaves no temporary files', async () => {
        const stateDir = join(mkdtempSync(join(scratch, 'restart-')), 'nested', 'state');
        const first = createFileRunStore(stateDir);
        await Promise.all([
            first.createRun(minimalRun),
            first.createRun(fullRun),
            ...[0, 1, 2, 3, 4, 5, 6, 7].map((index) =>
                first.putPart({
                    ...ref('run-1'),
                    index,
                    blobName: `p${index}`,
                    outputName: `o${index}`,
                    status: 'pending',
                }),
            ),
        ]);
        const stored = await first.getRun(ref('run-2'));

        const later = createFileRunStore(stateDir);
        await expect(later.getRun(ref('run-2'))).resolves.toStrictEqual(stored);
        await expect(later.listParts(ref('run-1'))).resolves.toHaveLength(8);
        expect(readdirSync(stateDir)).toEqual(['run-state.json']);
    });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { createFolderStore } from '../../src/adapters/folderStore';
import { costsDataset } from '../../src/focus/datasets/costs/costsDataset';
import { downloadLookups, relatedTo } from '../../src/pipeline/downloadLookups';
import type { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import type { RunRecord } from '../../src/pipeline/ports';

const ACCOUNT = 'providers/microsoft.billing/billingaccounts/a';
/** Bytes shaped like a Parquet file (magic, a 4-byte footer, its length, magic): what readers check before DuckDB. */
const PARQUET_SHAPED = Buffer.concat([
    Buffer.from('PAR1'),
    Buffer.alloc(4),
    Buffer.from([4, 0, 0, 0]),
    Buffer.from('PAR1'),
]);

describe('downloadLookups', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hub-lookups-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** A published Prices folder of 2026-08 listing `files` (only `present` of them exist). */
    function publish(scope: string, files: string[], present = files) {
        const folder = join(dir, 'ingestion', 'Prices', '2026', '08', scope);
        mkdirSync(folder, { recursive: true });
        for (const file of present) writeFileSync(join(folder, file), PARQUET_SHAPED);
        const manifest = { runId: 'r', files: files.map((name) => ({ name, rows: 1 })) };
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
    }
    const deps = () => ({ ingestion: createFolderStore(join(dir, 'ingestion')) }) as unknown as PipelineDeps;
    const run = (scope: string) => ({ scope, month: '2026-08', runId: 'costs' }) as RunRecord;

    it("reads the month's price sheets of the run's billing scopes, or of every scope for other runs", async () => {
        publish(ACCOUNT, ['r__a.parquet']);
        publish(`${ACCOUNT}/billingprofiles/p`, ['r__p.parquet']);
        publish('providers/microsoft.billing/billingaccounts/b', ['r__b.parquet']);
        const names = async (scope: string) =>
            ((await downloadLookups(run(scope), costsDataset, join(dir, 'scratch'), deps())).Prices ?? [])
                .map((path) => basename(path))
                .sort();
        expect(await names('subscriptions/s')).toEqual(['r__a.parquet', 'r__b.parquet', 'r__p.parquet']);
        expect(await names(ACCOUNT)).toEqual(['r__a.parquet', 'r__p.parquet']);
        expect(await names(`${ACCOUNT}/billingprofiles/p`)).toEqual(['r__a.parquet', 'r__p.parquet']);
        expect(await names(`${ACCOUNT}/billingprofiles/q`)).toEqual(['r__a.parquet']);
        expect(relatedTo(`${ACCOUNT}2`)({ scope: ACCOUNT })).toBe(false);
    });

    it('gives an empty list without a price sheet, and asks for a retry while one is being replaced', async () => {
        expect(await downloadLookups(run(ACCOUNT), costsDataset, join(dir, 'scratch'), deps())).toEqual({ Prices: [] });
        publish(ACCOUNT, ['r__a.parquet'], []);
        await expect(downloadLookups(run(ACCOUNT), costsDataset, join(dir, 'scratch'), deps())).rejects.toMatchObject({
            code: 'PublishBusy',
            retryable: true,
        });
    });
});

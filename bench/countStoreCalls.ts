import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';

import { createFileRunStore } from '../src/adapters/fileRunStore';
import { createFolderStore } from '../src/adapters/folderStore';
import { createLocalWorkspace } from '../src/adapters/workspace';
import { DEFAULT_ANOMALY_THRESHOLD } from '../src/config';
import { defaultTagAliases } from '../src/focus/datasets/costs/tagAliases';
import { processExports } from '../src/pipeline/processExports';
import { createInsights } from '../src/reports/insightsPort';
import { generateExport } from '../src/sample/generateExport';
import { FaultPlan } from '../tests/helpers/faultInjection';

/**
 * `node dist/bench/countStoreCalls.js [parts]`: the store calls (object stores and run store) and log bytes of one
 * export run through the pipeline, first published and then replaced by a newer run of the same scope and month, for
 * the cost model in docs/cost-to-run.md. Calls are counted by the fault-injection wrapper the publish tests use.
 */
async function main(): Promise<void> {
    const parts = Number(process.argv[2] ?? 1);
    const root = mkdtempSync(join(tmpdir(), 'hub-calls-'));
    try {
        const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
        const connection = await instance.connect();
        for (const [runId, submittedTime] of [
            ['1e2e0000-5a4d-4e1f-9c3b-7d2e1a6f8c90', '2026-09-01T05:14:09Z'],
            ['2e2e0000-5a4d-4e1f-9c3b-7d2e1a6f8c90', '2026-09-02T05:14:09Z'],
        ] as const) {
            const exportsDir = join(root, runId.slice(0, 1), 'msexports');
            await generateExport(connection, exportsDir, {
                exportName: 'calls',
                dataVersion: '1.0r2',
                format: { fileFormat: 'Csv', compressionMode: 'Gzip' },
                rows: 300 * parts,
                parts,
                month: '2026-08',
                scope: '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
                runId,
                submittedTime,
                manifest: { generation: '2024-04-01' },
                seed: 3,
            });
        }
        connection.closeSync();
        instance.closeSync();
        const ingestion = createFolderStore(join(root, 'ingestion'));
        const runs = createFileRunStore(join(root, 'state'));
        const workspace = createLocalWorkspace({
            memoryLimit: '1GB',
            threads: 1,
            tempDirectory: root,
            maxTempDirectorySize: '200MB',
        });
        for (const [label, folder] of [
            ['first publish', '1'],
            ['replacing publish', '2'],
        ]) {
            const calls = new Map<string, number>();
            const plan = new FaultPlan(Number.POSITIVE_INFINITY, 'throw', (call) => {
                const name = call.replace(/\(.*$/, '');
                calls.set(name, (calls.get(name) ?? 0) + 1);
            });
            const logs: string[] = [];
            await processExports({
                exports: plan.wrap(createFolderStore(join(root, folder ?? '', 'msexports')), 'exports'),
                ingestion: plan.wrap(ingestion, 'ingestion'),
                runs: plan.wrap(runs, 'runs'),
                workspace,
                validation: { mode: 'sample', modeSet: false, sampleRows: 20_000, strict: false },
                tagAliases: defaultTagAliases(),
                storageReport: false,
                timing: { leaseMs: 600_000, staleMs: 2_700_000, retiredGraceMs: 0, maxResumes: 3 },
                insights: createInsights({ anomalyThreshold: DEFAULT_ANOMALY_THRESHOLD }),
                exclusive: true,
                clock: () => Date.now(),
                log: (message) => logs.push(message),
            });
            const bytes = logs.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
            console.log(
                `${label}, ${parts} part(s): ${plan.calls} store calls, ${logs.length} log lines, ${bytes} bytes`,
            );
            for (const [name, count] of [...calls].sort()) console.log(`  ${name.padEnd(28)} ${count}`);
        }
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

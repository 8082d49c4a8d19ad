import { join } from 'node:path';

import type { BenchInput } from './benchInput';
import type { Contender, MeasureSetup } from './measure';
import type { BenchJob } from './runContender';

/** The repository root, from `dist/bench/`. */
const ROOT = join(__dirname, '..', '..');

/** The command line and environment that run `contender` on `input`, writing under `work`. */
export function commandOf(
    contender: Contender,
    input: BenchInput,
    setup: MeasureSetup,
    work: string,
    azurite?: string,
): { argv: string[]; env: NodeJS.ProcessEnv } {
    const node = process.execPath;
    const base = { ...process.env, HUB_TEMP_DIR: join(work, 'temp') };
    const duckdbEnv = (settings: MeasureSetup['cli']) => ({
        HUB_DUCKDB_THREADS: String(settings.threads),
        HUB_DUCKDB_MEMORY_LIMIT: settings.memoryLimit,
    });
    switch (contender) {
        case 'process':
        case 'process-off':
        case 'process-full': {
            const validation = { process: 'sample', 'process-off': 'off', 'process-full': 'full' }[contender];
            return {
                argv: [node, join(ROOT, 'bin', 'finops-hub.js'), 'process', input.root, '--out', join(work, 'out')],
                env: { ...base, ...duckdbEnv(setup.cli), HUB_VALIDATION: validation },
            };
        }
        case 'function': {
            const names = {
                HUB_EXPORTS_CONTAINER: 'msexports',
                HUB_INGESTION_CONTAINER: 'ingestion',
                HUB_PARTS_QUEUE: 'hub-parts',
                HUB_RUNS_TABLE: 'hubruns',
            };
            return {
                argv: [node, join(__dirname, 'functionChild.js'), JSON.stringify({ root: input.root })],
                env: { ...base, ...duckdbEnv(setup.functions), ...names, HubStorage: azurite },
            };
        }
        case 'gunzip':
            return { argv: ['sh', '-c', 'gzip -dc "$1" > /dev/null', 'sh', input.path], env: base };
        case 'transform':
        case 'reconcile':
        case 'floor':
        case 'floor-1t': {
            const settings = contender === 'floor-1t' || contender === 'reconcile' ? setup.functions : setup.cli;
            const duckdb = { ...settings, tempDirectory: work };
            const job: BenchJob = {
                contender: contender === 'transform' ? 'hub' : contender === 'reconcile' ? 'reconcile' : 'floor',
                input,
                outputPath: join(work, 'output.parquet'),
                duckdb,
            };
            return { argv: [node, join(__dirname, 'measureChild.js'), JSON.stringify(job)], env: base };
        }
    }
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { DuckDbSettings } from '../src/adapters/duckdb';
import { startAzurite } from '../tests/helpers/azurite';
import type { BenchInput } from './benchInput';
import { commandOf } from './commandOf';
import { folderBytes } from './folderBytes';
import type { FunctionReport } from './functionChild';
import type { ChildReport } from './measureChild';
import { publishedRows, stageSeconds } from './stageSeconds';

/**
 * What is measured: `finops-hub process` as a user runs it (validation sample, off or full), the transform function's
 * handlers on Azurite, the hub's transform alone, reconciliation's own steps (`reconcile`: CPU seconds per step, on the
 * function's one thread), DuckDB's bare copy of the same file (`floor`, at the CLI's thread count; `floor-1t` on one
 * thread, the function's), or `gzip -dc > /dev/null`.
 */
export type Contender =
    | 'process'
    | 'process-off'
    | 'process-full'
    | 'function'
    | 'transform'
    | 'reconcile'
    | 'floor'
    | 'floor-1t'
    | 'gunzip';

/** The figures of one measured process. */
export interface Measurement {
    contender: Contender;
    rows: number;
    wallSeconds: number;
    cpuSeconds: number;
    peakRssMiB: number;
    inputBytes: number;
    outputBytes: number;
    /** Seconds per pipeline stage from the hub's log (hub contenders). */
    stages: Record<string, number>;
}

/** DuckDB settings of the contenders: the CLI's (process, floor) and the function app's (function, floor-1t). */
export interface MeasureSetup {
    cli: DuckDbSettings;
    functions: DuckDbSettings;
    /** Processors the measured process may use (`taskset -c`), e.g. `0` for a 1-vCPU instance. */
    cpus?: string;
}

const TIME = '/usr/bin/time';

/** Runs one contender on `input` in its own process under GNU time and returns its figures. */
export async function measure(contender: Contender, input: BenchInput, setup: MeasureSetup): Promise<Measurement> {
    if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed: apt-get install time`);
    const work = mkdtempSync(join(setup.cli.tempDirectory, 'bench-'));
    // the export, its staged and published copies of a million-row part exceed Azurite's test-sized store
    const azurite = contender === 'function' ? await startAzurite({ extentMemoryMb: 4096 }) : undefined;
    try {
        mkdirSync(join(work, 'temp'));
        const timing = join(work, 'time.txt');
        const { argv, env } = commandOf(contender, input, setup, work, azurite?.connectionString);
        const pinned = setup.cpus === undefined ? [] : ['taskset', '-c', setup.cpus];
        const [program, ...args] = [...pinned, TIME, '-f', '%e %U %S %M', '-o', timing, ...argv] as [string];
        const child = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 64 << 20, env });
        if (child.status !== 0) throw new Error(`${contender} failed: ${child.stderr || String(child.error)}`);
        const [wall = NaN, user = NaN, system = NaN, rssKiB = NaN] = readFileSync(timing, 'utf8')
            .trim()
            .split(/\s+/)
            .slice(-4)
            .map(Number);
        const measured: Measurement = {
            contender,
            rows: input.totals.rows,
            wallSeconds: wall,
            cpuSeconds: user + system,
            peakRssMiB: rssKiB / 1024,
            inputBytes: input.bytes,
            outputBytes: 0,
            stages: {},
        };
        return { ...measured, ...outcome(contender, child.stdout, child.stderr, work) };
    } finally {
        await azurite?.stop();
        rmSync(work, { recursive: true, force: true });
    }
}

/** Rows, output size and stage timings from what the contender printed or wrote. */
function outcome(contender: Contender, stdout: string, stderr: string, work: string): Partial<Measurement> {
    const last = stdout.trim().split('\n').pop() ?? '';
    if (contender === 'gunzip') return {};
    if (contender === 'function') {
        const report = JSON.parse(last) as FunctionReport;
        const rows = publishedRows(report.logs);
        if (rows === undefined) throw new Error(`The function did not publish:\n${report.logs.join('\n')}`);
        // the handlers' own time: the process also uploaded the export into Azurite first
        return {
            rows,
            wallSeconds: report.handlerSeconds,
            outputBytes: report.outputBytes,
            stages: stageSeconds(report.logs),
        };
    }
    if (contender.startsWith('process')) {
        const logs = stderr.split('\n');
        const rows = publishedRows(logs);
        if (rows === undefined) throw new Error(`finops-hub process did not publish:\n${stderr}\n${stdout}`);
        return { rows, outputBytes: folderBytes(join(work, 'out', 'Costs'), '.parquet'), stages: stageSeconds(logs) };
    }
    const report = JSON.parse(last) as ChildReport;
    const stages = 'cpu' in report.result ? (report.result.cpu ?? {}) : {};
    return { rows: report.result.rows, outputBytes: report.outputBytes, stages };
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { DuckDbSettings } from '../src/adapters/duckdb';
import type { Totals } from '../src/focus/totals';
import type { BenchInput } from './benchInput';
import type { ChildReport } from './measureChild';
import type { DuckDbContender } from './runContender';

/** A contender: the hub's transform, DuckDB's bare copy, or `gzip -dc > /dev/null` of a CSV.gz. */
export type Contender = DuckDbContender | 'gunzip';

/** The figures of one measured process. */
export interface Measurement {
    contender: Contender;
    rows: number;
    wallSeconds: number;
    cpuSeconds: number;
    peakRssMiB: number;
    tempPeakMiB: number;
    inputBytes: number;
    outputBytes: number;
    /** The hub's exact totals read back from its output (hub only). */
    totals?: Totals['sums'];
}

/** How a measurement process is run: DuckDB settings, insertion order, and the CPUs it may use (`taskset -c`). */
export interface MeasureSetup {
    duckdb: DuckDbSettings;
    preserveInsertionOrder?: boolean;
    cpus?: string;
}

const TIME = '/usr/bin/time';

/** Runs one contender on `input` in its own process under GNU time and returns its figures. */
export function measure(contender: Contender, input: BenchInput, setup: MeasureSetup): Measurement {
    if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed: apt-get install time`);
    const work = mkdtempSync(join(setup.duckdb.tempDirectory, 'bench-'));
    try {
        const timing = join(work, 'time.txt');
        const outputPath = join(work, 'output.parquet');
        const duckdb = { ...setup.duckdb, tempDirectory: join(work, 'spill') };
        const command =
            contender === 'gunzip'
                ? ['sh', '-c', 'gzip -dc "$1" > /dev/null', 'sh', input.path]
                : [
                      process.execPath,
                      join(__dirname, 'measureChild.js'),
                      JSON.stringify({
                          contender,
                          input,
                          outputPath,
                          duckdb,
                          preserveInsertionOrder: setup.preserveInsertionOrder,
                      }),
                  ];
        const pinned = setup.cpus === undefined ? [] : ['taskset', '-c', setup.cpus];
        const [program, ...args] = [...pinned, TIME, '-f', '%e %U %S %M', '-o', timing, ...command] as [string];
        const child = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`${contender} failed: ${child.stderr || String(child.error)}`);
        const [wall, user, system, rssKiB] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
        const report =
            contender === 'gunzip'
                ? undefined
                : (JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as ChildReport);
        const result = report?.result;
        return {
            contender,
            rows: result?.rows ?? input.totals.rows,
            wallSeconds: wall ?? NaN,
            cpuSeconds: (user ?? NaN) + (system ?? NaN),
            peakRssMiB: (rssKiB ?? NaN) / 1024,
            tempPeakMiB: (report?.tempPeakBytes ?? 0) / 2 ** 20,
            inputBytes: input.bytes,
            outputBytes: report?.outputBytes ?? 0,
            ...(result && 'sums' in result ? { totals: result.sums } : {}),
        };
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

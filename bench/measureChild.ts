import { mkdirSync, statSync } from 'node:fs';

import { folderBytes } from './folderBytes';
import type { BenchJob } from './runContender';
import { runContender } from './runContender';

export { folderBytes };

/** What the measured child process prints as its last stdout line. */
export interface ChildReport {
    result: Awaited<ReturnType<typeof runContender>>;
    outputBytes: number;
    /** Largest size the DuckDB spill folder reached, sampled every 50 ms. */
    tempPeakBytes: number;
}

/** Child entry point: `node measureChild.js '<BenchJob JSON>'`; one job per process so its peak RSS is the job's. */
async function main(): Promise<void> {
    const job = JSON.parse(process.argv[2] ?? '') as BenchJob;
    mkdirSync(job.duckdb.tempDirectory, { recursive: true });
    let tempPeakBytes = 0;
    const sampler = setInterval(() => {
        tempPeakBytes = Math.max(tempPeakBytes, folderBytes(job.duckdb.tempDirectory));
    }, 50);
    try {
        const result = await runContender(job);
        const report: ChildReport = { result, outputBytes: statSync(job.outputPath).size, tempPeakBytes };
        process.stdout.write(`${JSON.stringify(report)}\n`);
    } finally {
        clearInterval(sampler);
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exitCode = 1;
    });
}

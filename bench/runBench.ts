import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { version } from '@duckdb/node-api';

import { readCliConfig, readConfig } from '../src/config';
import { type BenchInput, benchInput } from './benchInput';
import { parseBenchArgs } from './benchOptions';
import { type Contender, measure, type MeasureSetup } from './measure';
import { settingsCases } from './settingsCases';
import { type CaseMeasurement, formatTable, summarize, validationOverhead } from './summarize';

/**
 * `npm run bench`: the whole default command (`finops-hub process` on a one-part export, and the transform function's
 * handlers on Azurite) against DuckDB's bare copy of the same file on as many threads, on the sample generator's rows
 * and the AI-heavy mix, CSV.gz and Parquet. Each measurement runs in its own process under GNU time, contenders
 * alternate run by run, figures are medians. Prints a table and writes the figures to `bench/results/<time>.json`.
 */
async function main(): Promise<void> {
    const options = parseBenchArgs(process.argv.slice(2));
    const setup: MeasureSetup = { cli: readCliConfig().duckdb, functions: readConfig().duckdb };
    const inputs: BenchInput[] = [];
    const measurements: CaseMeasurement[] = [];
    const record = async (label: string, run: number, contender: Contender, input: BenchInput, at: MeasureSetup) => {
        const measured = await measure(contender, input, at);
        if (contender !== 'gunzip' && measured.rows !== input.totals.rows) {
            throw new Error(`${contender} on ${label} wrote ${measured.rows} rows, not ${input.totals.rows}`);
        }
        measurements.push({ ...measured, case: label, run });
        console.error(`${label} run ${run + 1}: ${contender} ${measured.wallSeconds.toFixed(2)} s`);
    };

    for (const rows of options.settings ? [] : options.rows) {
        for (const mix of options.mixes) {
            for (const format of options.formats) {
                const input = await benchInput(options.dataDir, rows, format, mix);
                inputs.push(input);
                const contenders = options.contenders.filter((c) => c !== 'gunzip' || format === 'csv');
                for (let run = 0; run < options.runs; run++) {
                    // a different contender goes first each run, so drift in the machine's speed spreads evenly
                    const shift = run % contenders.length;
                    for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
                        await record(`${mix} ${format} ${rows}`, run, contender, input, setup);
                    }
                }
            }
        }
    }
    if (options.settings) {
        const input = await benchInput(options.dataDir, Math.max(...options.rows), 'csv', 'ai');
        for (let run = 0; run < options.runs; run++) {
            for (const setting of settingsCases(tmpdir())) {
                await record(setting.name, run, 'transform', input, setting.setup);
                await record(setting.name, run, 'floor', input, setting.setup);
            }
        }
    }

    const summary = summarize(measurements);
    const overhead = validationOverhead(summary);
    console.log(formatTable(summary));
    for (const { case: label, mode, overhead: share } of overhead) {
        console.log(`validation ${mode} on ${label}: +${(100 * share).toFixed(1)} % of the part's time`);
    }
    mkdirSync(options.resultsDir, { recursive: true });
    const file = join(options.resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const machine = { cpus: cpus().length, node: process.version, duckdb: version() };
    writeFileSync(file, JSON.stringify({ options, machine, setup, inputs, summary, overhead, measurements }, null, 2));
    console.log(`Figures written to ${file}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

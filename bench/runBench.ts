import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { version } from '@duckdb/node-api';

import { readConfig } from '../src/config';
import { PartFormat } from '../src/focus/partFormat';
import { type BenchInput, benchInput } from './benchInput';
import { parseBenchArgs } from './benchOptions';
import { type Contender, measure, type MeasureSetup } from './measure';
import { settingsCases } from './settingsCases';
import { type CaseMeasurement, formatTable, summarize } from './summarize';

/**
 * `npm run bench`: the hub's transform against DuckDB's bare copy and gunzip, on generated CSV.gz and Parquet parts,
 * each measurement in its own process, contenders alternated, medians of the runs. Prints a table and writes the
 * figures to `bench/results/<time>.json`.
 */
async function main(): Promise<void> {
    const options = parseBenchArgs(process.argv.slice(2));
    const defaults: MeasureSetup = { duckdb: readConfig().duckdb };
    const inputs: BenchInput[] = [];
    const measurements: CaseMeasurement[] = [];
    const record = (label: string, run: number, contender: Contender, input: BenchInput, setup: MeasureSetup) => {
        const measured = measure(contender, input, setup);
        const totals = measured.totals;
        if (measured.rows !== input.totals.rows || (totals && totals.BilledCost !== input.totals.sums.BilledCost)) {
            throw new Error(`${contender} on ${label} wrote ${measured.rows} rows, totals ${JSON.stringify(totals)}`);
        }
        measurements.push({ ...measured, case: label, run });
        console.error(`${label} run ${run + 1}: ${contender} ${measured.wallSeconds.toFixed(2)} s`);
    };

    for (const rows of options.settings ? [] : options.rows) {
        for (const format of ['csv', 'parquet'] as PartFormat[]) {
            const input = await benchInput(options.dataDir, rows, format);
            inputs.push(input);
            const contenders: Contender[] = format === 'csv' ? ['hub', 'floor', 'gunzip'] : ['hub', 'floor'];
            for (let run = 0; run < options.runs; run++) {
                const order = [
                    ...contenders.slice(run % contenders.length),
                    ...contenders.slice(0, run % contenders.length),
                ];
                for (const contender of order) record(`${rows} ${format}`, run, contender, input, defaults);
            }
        }
    }
    if (options.settings) {
        const input = await benchInput(options.dataDir, Math.max(...options.rows), 'csv');
        for (let run = 0; run < options.runs; run++) {
            for (const setting of settingsCases(tmpdir())) {
                record(setting.name, run, 'hub', input, setting.setup);
                record(setting.name, run, 'floor', input, setting.setup);
            }
        }
    }

    const summary = summarize(measurements);
    console.log(formatTable(summary));
    mkdirSync(options.resultsDir, { recursive: true });
    const file = join(options.resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const machine = { cpus: cpus().length, node: process.version, duckdb: version() };
    writeFileSync(file, JSON.stringify({ options, machine, defaults, inputs, summary, measurements }, null, 2));
    console.log(`Figures written to ${file}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

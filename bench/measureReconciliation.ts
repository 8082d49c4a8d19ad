import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { COST_INPUT_COLUMNS, COST_RECONCILIATION } from '../src/focus/datasets/costs/costReconciliation';
import { costStaging } from '../src/focus/datasets/costs/costStaging';
import { COST_TEXT_KEYS, loadCostTexts } from '../src/focus/datasets/costs/loadCostTexts';
import { stageCostPart } from '../src/focus/datasets/costs/stageCostPart';
import { transformCosts } from '../src/focus/datasets/costs/transformCosts';
import { partColumns } from '../src/focus/datasets/partReader';
import { INPUT_SCAN, scanInput } from '../src/focus/reconcile/scanInput';
import { scanOutput } from '../src/focus/reconcile/scanOutput';
import type { BenchInput } from './benchInput';

/** The period of the bench inputs (the generator's August 2026). */
const PERIOD = { start: '2026-08-01', end: '2026-08-31' };

/**
 * What reconciliation costs a part, in CPU seconds of this process (every DuckDB thread counted): after the hub
 * converts the part once, each step runs `repeats` times in turn, so load from other processes weighs on each alike.
 * `texts` is the scan of the distinct meters, Tags and SkuPriceDetails texts the hub would make without
 * reconciliation; `input` the scan that also sums the input by currency and category beside them, then the same texts
 * read from its far smaller result; `output` the read-back of the written file. Reconciliation adds
 * input − texts + output (`reconcile`). Both scans read what the hub reads: a gzip part it stages (stageCostPart) is
 * staged once here too, and the staging left out (the chain would parse the part anyway).
 */
export async function measureReconciliation(
    connection: DuckDBConnection,
    input: BenchInput,
    outputPath: string,
    repeats = 3,
): Promise<{ rows: number; staged: boolean; cpu: Record<string, number> }> {
    const part = { path: input.path, format: input.format, dataVersion: input.dataVersion, name: 'bench' };
    const { rows } = await transformCosts(connection, { ...part, period: PERIOD }, outputPath);
    const columns = await partColumns(connection, part);
    const staged = await stageCostPart(connection, part, costStaging(part, columns), outputPath);
    const steps: Record<string, () => Promise<unknown>> = {
        texts: () =>
            loadCostTexts(
                connection,
                `select ${COST_TEXT_KEYS.map(quotedIdentifier).join(', ')} from (${staged.select()})`,
            ),
        input: async () => {
            await scanInput(
                connection,
                staged.scan([...COST_TEXT_KEYS, ...COST_INPUT_COLUMNS]),
                COST_RECONCILIATION,
                COST_TEXT_KEYS,
            );
            await loadCostTexts(connection, `select * from ${INPUT_SCAN}`);
        },
        output: () => scanOutput(connection, `read_parquet(${quotedString(outputPath)})`, COST_RECONCILIATION, PERIOD),
    };
    const cpu: Record<string, number> = {};
    try {
        for (let repeat = 0; repeat < repeats; repeat++) {
            for (const [name, step] of Object.entries(steps)) {
                const before = process.cpuUsage();
                await step();
                const used = process.cpuUsage(before);
                cpu[name] = (cpu[name] ?? 0) + (used.user + used.system) / 1e6 / repeats;
            }
        }
    } finally {
        staged.remove();
    }
    cpu.reconcile = (cpu.input ?? 0) - (cpu.texts ?? 0) + (cpu.output ?? 0);
    return { rows, staged: staged.rows !== undefined, cpu };
}

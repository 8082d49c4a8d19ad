import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';

import { PartFormat } from '../src/focus/partFormat';
import type { Totals } from '../src/focus/totals';
import { generateExport } from '../src/sample/generateExport';
import { aiHeavyMeters } from './aiHeavyMeters';

/** Which rows an input holds: the sample generator's mix, or the AI-heavy one (about 70 % token-meter rows). */
export type BenchMix = 'sample' | 'ai';

/** One generated export part the contenders read. */
export interface BenchInput {
    path: string;
    /** The folder playing the msexports container: the part and its manifest.json, for `finops-hub process`. */
    root: string;
    mix: BenchMix;
    format: PartFormat;
    dataVersion: string;
    bytes: number;
    /** Row count and exact cost totals the generator wrote. */
    totals: Totals;
}

/** Realistic FocusCost 1.0r2 exports: 96 columns, 16 of them money or quantity. */
const DATA_VERSION = '1.0r2';

/**
 * Returns a one-part FocusCost export of `rows` rows as CSV.gz or Parquet (snappy) under `dataDir`, generating it with
 * the sample generator (and, for `ai`, the AI-heavy meters) unless a previous run left it there.
 */
export async function benchInput(
    dataDir: string,
    rows: number,
    format: PartFormat,
    mix: BenchMix = 'sample',
): Promise<BenchInput> {
    const folder = join(dataDir, `${mix}-${format}-${rows}`);
    const described = join(folder, 'input.json');
    if (existsSync(described)) return JSON.parse(readFileSync(described, 'utf8')) as BenchInput;
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', preserve_insertion_order: 'false' });
    const connection = await instance.connect();
    try {
        const generated = await generateExport(
            connection,
            folder,
            {
                exportName: 'bench',
                dataVersion: DATA_VERSION,
                format:
                    format === 'csv'
                        ? { fileFormat: 'Csv', compressionMode: 'Gzip' }
                        : { fileFormat: 'Parquet', compressionMode: 'Snappy' },
                rows,
                parts: 1,
                month: '2026-08',
                scope: '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
                runId: '0b9c3f4e-5a4d-4e1f-9c3b-7d2e1a6f8c90',
                submittedTime: '2026-09-01T05:14:09.1234567Z',
                manifest: { generation: '2024-04-01' },
                seed: 7,
            },
            mix === 'ai' ? aiHeavyMeters() : undefined,
        );
        const [part] = generated.blobs;
        if (part === undefined) throw new Error('The generator wrote no part');
        const input: BenchInput = {
            path: part.path,
            root: folder,
            mix,
            format,
            dataVersion: DATA_VERSION,
            bytes: statSync(part.path).size,
            totals: generated.totals,
        };
        writeFileSync(described, JSON.stringify(input, null, 2));
        return input;
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

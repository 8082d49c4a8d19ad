import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchInput, type BenchMix } from '../../bench/benchInput';
import { parseBenchArgs } from '../../bench/benchOptions';
import type { Contender } from '../../bench/measure';
import { folderBytes } from '../../bench/measureChild';
import { runContender } from '../../bench/runContender';
import { type CaseMeasurement, formatTable, summarize, validationOverhead } from '../../bench/summarize';
import { PartFormat } from '../../src/focus/partFormat';

describe('benchmark contenders', () => {
    let folder: string;
    beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'hub-bench-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it.each([
        ['csv', 'sample'],
        ['parquet', 'ai'],
    ] as [PartFormat, BenchMix][])(
        'the hub and the floor write every row of a %s part of the %s mix, the hub with exact totals',
        async (format, mix) => {
            const input = await benchInput(join(folder, 'data'), 300, format, mix);
            expect(await benchInput(join(folder, 'data'), 300, format, mix)).toEqual(input);
            const duckdb = { memoryLimit: '512MB', threads: 1, tempDirectory: folder, maxTempDirectorySize: '100MB' };
            const hub = await runContender({
                contender: 'hub',
                input,
                outputPath: join(folder, 'hub.parquet'),
                duckdb,
            });
            expect(hub).toMatchObject(input.totals);
            expect(input.totals.sums.BilledCost).toMatch(/^\d+\.\d+$/);
            const reconcile = await runContender({
                contender: 'reconcile',
                input,
                outputPath: join(folder, 'reconciled.parquet'),
                duckdb,
            });
            expect(reconcile).toMatchObject({
                rows: 300,
                staged: format === 'csv',
                cpu: {
                    texts: expect.any(Number),
                    input: expect.any(Number),
                    output: expect.any(Number),
                    reconcile: expect.any(Number),
                },
            });
            // A gzip part is staged as the hub stages it, and the copy removed.
            expect(readdirSync(folder).filter((name) => name.endsWith('.staged.parquet'))).toEqual([]);
            const floor = await runContender({
                contender: 'floor',
                input,
                outputPath: join(folder, 'floor.parquet'),
                duckdb,
                preserveInsertionOrder: true,
            });
            expect(floor).toEqual({ rows: 300 });
            expect(folderBytes(folder)).toBeGreaterThan(input.bytes);
        },
    );

    it('reports medians and the hub-to-floor ratios', () => {
        const figures = (contender: Contender, run: number, wallSeconds: number): CaseMeasurement => ({
            case: 'ai csv 10',
            run,
            contender,
            rows: 10,
            wallSeconds,
            cpuSeconds: wallSeconds / 2,
            peakRssMiB: 100,
            inputBytes: 1000,
            outputBytes: 400,
            stages: contender === 'process' ? { validate: wallSeconds / 10 } : {},
        });
        const summary = summarize(
            [figures('process', 0, 9), figures('floor', 0, 2), figures('process', 1, 3)].concat([
                figures('floor', 1, 4),
                figures('process', 2, 4),
                figures('floor', 2, 3),
                figures('process-off', 0, 3),
                figures('function', 0, 8),
                figures('floor-1t', 0, 4),
            ]),
        );
        expect(summary.map((s) => [s.contender, s.wallSeconds, s.wallPerFloor, s.outputPerInput])).toEqual([
            ['process', 4, 4 / 3, 0.4],
            ['floor', 3, undefined, 0.4],
            ['process-off', 3, 1, 0.4],
            ['function', 8, 2, 0.4],
            ['floor-1t', 4, undefined, 0.4],
        ]);
        expect(summary[0]?.stages).toEqual({ validate: 0.4 });
        expect(validationOverhead(summary)).toEqual([{ case: 'ai csv 10', mode: 'sample', overhead: 4 / 3 - 1 }]);
        expect(formatTable(summary)).toContain('1.33');
        expect(parseBenchArgs(['--rows', '100_000,5000000', '--runs', '5', '--mix', 'ai'])).toMatchObject({
            rows: [100000, 5000000],
            mixes: ['ai'],
            runs: 5,
            settings: false,
        });
        expect(() => parseBenchArgs(['--contenders', 'nope'])).toThrow('--contenders takes');
        expect(() => parseBenchArgs(['--rows', '0'])).toThrow('whole numbers');
    });
});

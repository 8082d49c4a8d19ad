import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchInput } from '../../bench/benchInput';
import { parseBenchArgs } from '../../bench/benchOptions';
import { folderBytes } from '../../bench/measureChild';
import { runContender } from '../../bench/runContender';
import { type CaseMeasurement, formatTable, summarize } from '../../bench/summarize';
import { PartFormat } from '../../src/focus/partFormat';

describe('benchmark contenders', () => {
    let folder: string;
    beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'hub-bench-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it.each(['csv', 'parquet'] as PartFormat[])(
        'the hub and the floor write every row of a %s part, the hub with exact totals',
        async (format) => {
            const input = await benchInput(join(folder, 'data'), 300, format);
            expect(await benchInput(join(folder, 'data'), 300, format)).toEqual(input);
            const duckdb = { memoryLimit: '512MB', threads: 1, tempDirectory: folder, maxTempDirectorySize: '100MB' };
            const hub = await runContender({
                contender: 'hub',
                input,
                outputPath: join(folder, 'hub.parquet'),
                duckdb,
            });
            expect(hub).toEqual(input.totals);
            expect(input.totals.sums.BilledCost).toMatch(/^\d+\.\d{18}$/);
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
        const figures = (contender: 'hub' | 'floor', run: number, wallSeconds: number): CaseMeasurement => ({
            case: '10 csv',
            run,
            contender,
            rows: 10,
            wallSeconds,
            cpuSeconds: wallSeconds / 2,
            peakRssMiB: 100,
            tempPeakMiB: 0,
            inputBytes: 1000,
            outputBytes: 400,
        });
        const summary = summarize(
            [figures('hub', 0, 9), figures('floor', 0, 2), figures('hub', 1, 3)].concat([
                figures('floor', 1, 4),
                figures('hub', 2, 4),
                figures('floor', 2, 3),
            ]),
        );
        expect(summary.map((s) => [s.contender, s.wallSeconds, s.wallPerFloor, s.outputPerInput])).toEqual([
            ['hub', 4, 4 / 3, 0.4],
            ['floor', 3, 1, 0.4],
        ]);
        expect(formatTable(summary)).toContain('1.33');
        expect(parseBenchArgs(['--rows', '100_000,5000000', '--runs', '5'])).toMatchObject({
            rows: [100000, 5000000],
            runs: 5,
            settings: false,
        });
        expect(() => parseBenchArgs(['--rows', '0'])).toThrow('whole numbers');
    });
});

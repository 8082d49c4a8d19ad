import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import type { DuckDBConnection } from '@duckdb/node-api';

import { InputError } from '../../src/errors';
import { exportColumns } from '../../src/focus/datasets/costs/exportColumns';
import { decimalSum } from '../../src/focus/decimalSum';
import { generateExport } from '../../src/sample/generateExport';
import { sampleOptions } from './sampleOptions';
import { withSampleDb } from './withSampleDb';

async function rows(connection: DuckDBConnection, sql: string, values: Record<string, string> = {}) {
    return (await connection.runAndReadAll(sql, values)).getRowObjectsJson();
}

async function csvHeader(connection: DuckDBConnection, path: string): Promise<string[]> {
    const described = await rows(
        connection,
        'describe select * from read_csv($path, header = true, all_varchar = true)',
        {
            path,
        },
    );
    return described.map((row) => row.column_name as string);
}

test('writes a CSV.gz run with the version columns, a BOM, CRLF and manifest row counts', async () => {
    await withSampleDb(async (connection, root) => {
        const written = await generateExport(connection, root, sampleOptions());
        const manifest = JSON.parse(readFileSync(written.manifestPath, 'utf8'));
        expect(written.manifestName).toBe(
            'contoso-daily/20260801-20260831/202609010514/0b9c3f4e-5a4d-4e1f-9c3b-7d2e1a6f8c90/manifest.json',
        );
        expect(manifest.manifestVersion).toBe('2024-04-01');
        expect(manifest.dataRowCount).toBe(2500);
        expect(manifest.blobs.map((blob: { blobName: string }) => blob.blobName)).toEqual([
            'contoso-daily/20260801-20260831/202609010514/0b9c3f4e-5a4d-4e1f-9c3b-7d2e1a6f8c90/part_0_0001.csv.gz',
            'contoso-daily/20260801-20260831/202609010514/0b9c3f4e-5a4d-4e1f-9c3b-7d2e1a6f8c90/part_0_0002.csv.gz',
        ]);
        const expectedColumns = exportColumns('1.0r2').map((column) => column.name);
        for (const [index, blob] of written.blobs.entries()) {
            expect(await csvHeader(connection, blob.path)).toEqual(expectedColumns);
            const counted = await rows(connection, 'select count(*) as n from read_csv($path, header = true)', {
                path: blob.path,
            });
            expect(Number(counted[0]?.n)).toBe(manifest.blobs[index].dataRowCount);
            expect(manifest.blobs[index].byteCount).toBe(readFileSync(blob.path).length);
            const text = gunzipSync(readFileSync(blob.path));
            expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
            expect(text.toString('utf8').split('\r\n')[0]).toBe(`\uFEFF${expectedColumns.join(',')}`);
            expect(text.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
        }
    });
});

test('reported totals equal the sums read back, and costs are exact products', async () => {
    await withSampleDb(async (connection, root) => {
        const written = await generateExport(connection, root, sampleOptions({ rows: 3000, parts: 3 }));
        await connection.run(
            'create table parts as select * from read_csv($files, header = true, all_varchar = true)',
            {
                files: `${root}/contoso-daily/*/*/*/part_*.csv.gz`,
            },
        );
        const [sums] = await rows(
            connection,
            `select count(*) as n, sum(BilledCost::decimal(38, 18))::varchar as billed,
                sum(EffectiveCost::decimal(38, 18))::varchar as effective from parts`,
        );
        expect({
            ...sums,
            billed: decimalSum([sums?.billed as string]),
            effective: decimalSum([sums?.effective as string]),
        }).toEqual({
            n: '3000',
            billed: written.totals.sums.BilledCost,
            effective: written.totals.sums.EffectiveCost,
        });
        expect(written.totals.rows).toBe(3000);
        const [checks] = await rows(
            connection,
            `select
                count(*) filter (where ContractedCost::decimal(38, 18)
                    <> ContractedUnitPrice::decimal(38, 8) * PricingQuantity::decimal(38, 14)) as contracted_off,
                count(*) filter (where ListCost::decimal(38, 18)
                    <> ListUnitPrice::decimal(38, 8) * PricingQuantity::decimal(38, 14)) as list_off,
                count(*) filter (where ConsumedQuantity is not null and ConsumedQuantity::decimal(38, 18)
                    <> PricingQuantity::decimal(38, 14) * x_PricingBlockSize::decimal(38, 0)) as quantity_off,
                count(*) filter (where ChargeCategory = 'Purchase') as purchases,
                count(*) filter (where CommitmentDiscountStatus = 'Unused') as unused,
                count(*) filter (where x_SkuMeterName like '%Tokens') as token_rows,
                count(*) filter (where Tags is null) as untagged,
                count(*) filter (where json_valid(Tags) and Tags like '{"CostCenter":%') as tagged,
                max(length(split_part(BilledCost, '.', 2))) as max_decimals
            from parts`,
        );
        expect(checks).toMatchObject({
            contracted_off: '0',
            list_off: '0',
            quantity_off: '0',
            purchases: '3',
            unused: '3',
        });
        expect(Number(checks?.token_rows)).toBeGreaterThan(300);
        expect(Number(checks?.untagged)).toBeGreaterThan(0);
        expect(Number(checks?.tagged)).toBeGreaterThan(0);
        expect(Number(checks?.max_decimals)).toBeGreaterThanOrEqual(15);
    });
});

test('1.0 writes dates without seconds, 1.0r2 with seconds', async () => {
    await withSampleDb(async (connection, root) => {
        for (const [dataVersion, pattern] of [
            ['1.0', '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z$'],
            ['1.0r2', '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$'],
        ] as const) {
            const written = await generateExport(
                connection,
                root,
                sampleOptions({ exportName: `v${dataVersion.replace('.', '')}`, dataVersion, rows: 50, parts: 1 }),
            );
            const [result] = await rows(
                connection,
                `select count(*) filter (where not regexp_matches(ChargePeriodStart, $pattern)
                    or not regexp_matches(BillingPeriodEnd, $pattern)) as off, min(BillingPeriodStart) as first
                from read_csv($path, header = true, all_varchar = true)`,
                { path: written.blobs[0]?.path ?? '', pattern },
            );
            expect(result?.off).toBe('0');
            expect(result?.first).toBe(dataVersion === '1.0' ? '2026-08-01T00:00Z' : '2026-08-01T00:00:00Z');
        }
    });
});

test('writes Parquet 1.2-preview with the schema columns and an API 2023-07-01-preview manifest', async () => {
    await withSampleDb(async (connection, root) => {
        const options = sampleOptions({
            dataVersion: '1.2-preview',
            format: { fileFormat: 'Parquet', compressionMode: 'Snappy' },
            scope: '/providers/Microsoft.Billing/billingAccounts/81234567',
            manifest: { generation: '2023-07-01-preview' },
            rows: 1000,
        });
        const written = await generateExport(connection, root, options);
        const manifest = JSON.parse(readFileSync(written.manifestPath, 'utf8'));
        expect(manifest.manifestVersion).toBeUndefined();
        expect(manifest).toMatchObject({ blobCount: 2, dataRowCount: 1000 });
        expect(manifest.blobs[0]).toEqual({
            blobName: written.blobs[0]?.blobName,
            byteCount: written.blobs[0]?.byteCount,
        });
        expect(written.blobs[0]?.blobName).toMatch(/part_0_0001\.snappy\.parquet$/);
        const described = await rows(connection, 'describe select * from read_parquet($path)', {
            path: written.blobs[0]?.path ?? '',
        });
        expect(described.map((row) => row.column_name)).toEqual(
            exportColumns('1.2-preview').map((column) => column.name),
        );
        const types = Object.fromEntries(described.map((row) => [row.column_name, row.column_type]));
        expect(types).toMatchObject({
            BilledCost: 'DECIMAL(38,18)',
            ChargePeriodStart: 'TIMESTAMP',
            x_SkuIsCreditEligible: 'BOOLEAN',
            x_BillingExchangeRate: 'VARCHAR',
        });
        const [subscriptions] = await rows(
            connection,
            'select count(distinct SubAccountId) as n from read_parquet($files)',
            { files: `${root}/contoso-daily/*/*/*/*.parquet` },
        );
        expect(Number(subscriptions?.n)).toBeGreaterThan(1);
    });
});

test('same options give byte-identical files', async () => {
    for (const format of [
        { fileFormat: 'Csv', compressionMode: 'Gzip' },
        { fileFormat: 'Parquet', compressionMode: 'Snappy' },
    ] as const) {
        const contents = [];
        for (let attempt = 0; attempt < 2; attempt++) {
            contents.push(
                await withSampleDb(async (connection, root) => {
                    const written = await generateExport(connection, root, sampleOptions({ format, rows: 20000 }));
                    return [written.manifestPath, ...written.blobs.map((blob) => blob.path)].map((path) =>
                        readFileSync(path).toString('base64'),
                    );
                }),
            );
        }
        expect(contents[1]).toEqual(contents[0]);
    }
});

test('a header-only run has parts with only the header and dataRowCount 0; API 2025-03-01 writes null', async () => {
    await withSampleDb(async (connection, root) => {
        const empty = await generateExport(connection, root, sampleOptions({ exportName: 'empty', rows: 0, parts: 1 }));
        const text = gunzipSync(readFileSync(empty.blobs[0]?.path ?? '')).toString('utf8');
        expect(text).toBe(
            `\uFEFF${exportColumns('1.0r2')
                .map((column) => column.name)
                .join(',')}\r\n`,
        );
        expect(JSON.parse(readFileSync(empty.manifestPath, 'utf8'))).toMatchObject({ dataRowCount: 0, blobCount: 1 });
        expect(empty.totals).toEqual({
            rows: 0,
            sums: { BilledCost: '0', EffectiveCost: '0' },
        });

        const unknown = await generateExport(
            connection,
            root,
            sampleOptions({
                exportName: 'unknown',
                rows: 10,
                manifest: { generation: '2024-04-01', dataRowCountNull: true },
            }),
        );
        const manifest = JSON.parse(readFileSync(unknown.manifestPath, 'utf8'));
        expect(manifest.dataRowCount).toBeNull();
        expect(manifest.exportConfig.apiVersion).toBe('2025-03-01');
        expect(manifest.blobs.map((blob: { dataRowCount: unknown }) => blob.dataRowCount)).toEqual([null, null]);
    });
});

test('rejects a scope that is neither a subscription nor a billing account', async () => {
    await withSampleDb(async (connection, root) => {
        await expect(
            generateExport(connection, root, sampleOptions({ scope: '/subscriptions/not-a-guid' })),
        ).rejects.toThrow(InputError);
    });
});

test('generates a 100k-row CSV.gz export', async () => {
    await withSampleDb(async (connection, root) => {
        const written = await generateExport(connection, root, sampleOptions({ rows: 100000, parts: 2 }));
        expect(written.blobs.map((blob) => blob.dataRowCount)).toEqual([50000, 50000]);
        expect(written.totals.rows).toBe(100000);
    });
});

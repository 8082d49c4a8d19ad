import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { COMMITMENT_DISCOUNT_USAGE_EXPORT } from '../../../src/focus/datasets/commitmentDiscountUsage/commitmentDiscountUsageDataset';
import { defaultTagAliases } from '../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../src/focus/datasets/costs/transformCosts';
import { transformLegacyCosts } from '../../../src/focus/datasets/legacyCosts/transformLegacyCosts';
import { TRANSACTIONS_EXPORT } from '../../../src/focus/datasets/transactions/transactionsDataset';
import { transformExport } from '../../../src/focus/datasets/transformExport';
import { prepareFocus } from '../../../src/focus/prepareFocus';
import { generateCapacitySample } from '../../../src/sample/capacity/generateCapacitySample';
import { generateSampleTree } from '../../../src/sample/generateSampleTree';
import { generateLegacySample } from '../../../src/sample/legacy/generateLegacySample';
import { withConnection } from '../../helpers/withConnection';

// The reconciliation ledger reads amounts by other code than the conversion (docs/reconciliation.md): on every form a
// real export may write an amount in (text forms in CSV, quoted CSV and Parquet text; typed Parquet columns; a staged
// gzip part; legacy files with several cost columns, the first empty on some rows), the two must agree, so the
// sample's parts rewritten in each form all convert.

const root = mkdtempSync(join(tmpdir(), 'ledger-sample-'));
beforeAll(async () => {
    await withConnection((connection) => generateSampleTree(connection, root));
    generateLegacySample(root);
    generateCapacitySample(root);
}, 60_000);

function find(fragment: string, name = 'part_0_0001.csv'): string {
    const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((entry) => {
            const path = join(dir, entry);
            return statSync(path).isDirectory() ? walk(path) : [path];
        });
    const hit = walk(root).find((p) => p.includes(fragment) && p.endsWith(name));
    if (!hit) throw new Error(`no ${fragment}`);
    return hit;
}

/** Per row (by row number modulo the list), a different text form of the same amount `v` (varchar). */
const TEXT_FORMS = [
    'v',
    `'  ' || v || '  '`,
    // exponent, exact: v × 10^5 written with E-05
    `case when v is null or v = '' then v else rtrim(rtrim((hub_decimal(v) * 100000)::varchar, '0'), '.') || 'E-05' end`,
    // more than 18 fraction digits, exact
    `case when v is null or v = '' then v when v like '%.%' then v || '000000000000000000000' else v || '.000000000000000000000' end`,
    // more than 18 fraction digits, rounding (the 19th digit a 5)
    `case when v is null or v = '' then v else hub_decimal(v)::varchar || '5' end`,
    `regexp_replace(v, '^(-?)0\\.', '\\1.')`,
    `case when v like '-%' or v = '' or v is null then v else '+' || v end`,
    `''`,
    `case when v is null or v = '' or v like '%.%' then v else v || '.' end`,
    `'-0.5'`,
    `'-.5'`,
    `'1.5E-05'`,
    `'0.1234567890123456789'`,
    `'-0.0000000000000000005'`,
];

function textVariant(columns: string[], money: string[]): string {
    return columns
        .map((c) => {
            const q = quotedIdentifier(c);
            if (!money.some((m) => m.toLowerCase() === c.toLowerCase())) return q;
            const cases = TEXT_FORMS.map(
                (form, i) => `when hub_rn % ${TEXT_FORMS.length} = ${i} then ${form.replaceAll(/\bv\b/g, q)}`,
            );
            return `case ${cases.join(' ')} end as ${q}`;
        })
        .join(', ');
}

async function columnsOf(connection: DuckDBConnection, path: string): Promise<string[]> {
    const r = await connection.runAndReadAll(
        `describe select * from read_csv(${quotedString(path)}, all_varchar = true)`,
    );
    return r.getRows().map(([name]) => String(name));
}

/** Writes variants of a CSV part: text forms (CSV, quoted CSV, Parquet VARCHAR) and typed Parquet columns. */
async function variants(connection: DuckDBConnection, path: string, money: string[], dir: string) {
    await prepareFocus(connection);
    const columns = await columnsOf(connection, path);
    const src = `(select row_number() over () as hub_rn, * from read_csv(${quotedString(path)}, all_varchar = true))`;
    const out: { label: string; path: string; format: 'csv' | 'parquet' }[] = [];
    const text = `select ${textVariant(columns, money)} from ${src}`;
    const write = async (label: string, query: string, format: 'csv' | 'parquet', options = '') => {
        const file = join(dir, `${label}.${format}`);
        await connection.run(`copy (${query}) to ${quotedString(file)} (format ${format}${options})`);
        out.push({ label, path: file, format });
    };
    await write('text', text, 'csv');
    await write('quoted', text, 'csv', ', force_quote *');
    await write('text-parquet', text, 'parquet');
    for (const type of ['DOUBLE', 'BIGINT', 'DECIMAL(38,20)']) {
        const typed = columns
            .map((c) =>
                money.some((m) => m.toLowerCase() === c.toLowerCase())
                    ? `try_cast(hub_decimal(${quotedIdentifier(c)}) as ${type}) as ${quotedIdentifier(c)}`
                    : quotedIdentifier(c),
            )
            .join(', ');
        await write(`typed-${type.replace(/\W/g, '_')}`, `select ${typed} from ${src}`, 'parquet');
    }
    return out;
}

interface Case {
    dataset: string;
    fragment: string;
    dataVersion: string;
    money: string[];
    period: { start: string; end: string };
    convert: (connection: DuckDBConnection, input: never, output: string) => Promise<unknown>;
}

const legacy = (type: 'ActualCost' | 'AmortizedCost') => (connection: DuckDBConnection, input: never, output: string) =>
    transformLegacyCosts(connection, type, input, output, {
        tagAliases: defaultTagAliases(),
        storageReport: false,
        lookups: {},
    });

const CASES: Case[] = [
    {
        dataset: 'Transactions',
        fragment: 'contoso-ri-transactions/20260901',
        dataVersion: '2023-05-01',
        money: ['Amount'],
        period: { start: '2026-09-01', end: '2026-09-30' },
        convert: (c, i, o) => transformExport(c, i, o, TRANSACTIONS_EXPORT),
    },
    {
        dataset: 'CommitmentDiscountUsage',
        fragment: 'contoso-ri-details/20260901',
        dataVersion: '2023-03-01',
        money: ['UsedHours', 'ReservedHours'],
        period: { start: '2026-09-01', end: '2026-09-30' },
        convert: (c, i, o) => transformExport(c, i, o, COMMITMENT_DISCOUNT_USAGE_EXPORT),
    },
    {
        dataset: 'legacy MCA ActualCost',
        fragment: 'contoso-mca-actual',
        dataVersion: '2021-10-01',
        money: ['costInBillingCurrency'],
        period: { start: '2026-10-01', end: '2026-10-31' },
        convert: legacy('ActualCost'),
    },
    {
        dataset: 'FocusCost',
        fragment: 'contoso-ai-platform',
        dataVersion: '1.2-preview',
        money: ['BilledCost', 'EffectiveCost'],
        period: { start: '2026-10-01', end: '2026-10-31' },
        convert: (c, i, o) => transformCosts(c, i, o),
    },
];

describe.each(CASES)('$dataset: the ledger agrees with the conversion on amounts written differently', (spec) => {
    it('converts every variant', async () => {
        const failures: string[] = [];
        await withConnection(async (connection, dir) => {
            const parts = await variants(connection, find(spec.fragment), spec.money, dir);
            for (const part of parts) {
                const input = {
                    path: part.path,
                    format: part.format,
                    dataVersion: spec.dataVersion,
                    name: part.label,
                    period: spec.period,
                    scope: 'providers/microsoft.billing/billingaccounts/81234567',
                };
                try {
                    await spec.convert(connection, input as never, join(dir, `${part.label}.out.parquet`));
                } catch (error) {
                    failures.push(`${part.label}: ${(error as { code?: string }).code} ${(error as Error).message}`);
                }
            }
        });
        expect(failures).toEqual([]);
    });
});

describe('more shapes', () => {
    it('FocusCost gzip CSV (staged copy) with every text form; legacy with CostInBillingCurrency, Cost and PreTaxCost, the first empty on some rows', async () => {
        const failures: string[] = [];
        await withConnection(async (connection, dir) => {
            await prepareFocus(connection);
            const focus = find('contoso-ai-platform');
            const columns = await columnsOf(connection, focus);
            const src = `(select row_number() over () as hub_rn, * from read_csv(${quotedString(focus)}, all_varchar = true))`;
            const gz = join(dir, 'text.csv.gz');
            await connection.run(
                `copy (select ${textVariant(columns, ['BilledCost', 'EffectiveCost'])} from ${src}) to ${quotedString(gz)} (format csv, compression gzip)`,
            );
            const period = { start: '2026-10-01', end: '2026-10-31' };
            try {
                await transformCosts(
                    connection,
                    { path: gz, format: 'csv', dataVersion: '1.2-preview', name: 'gz', period },
                    join(dir, 'gz.parquet'),
                );
            } catch (error) {
                failures.push(`gz: ${(error as Error).message}`);
            }
            const ea = find('contoso-ea-actual');
            const eaColumns = await columnsOf(connection, ea);
            const eaSrc = `(select row_number() over () as hub_rn, * from read_csv(${quotedString(ea)}, all_varchar = true))`;
            const multi = join(dir, 'multi.csv');
            await connection.run(
                `copy (select ${eaColumns.map((c) => quotedIdentifier(c)).join(', ')},
                        case when hub_rn % 3 = 0 then '' when hub_rn % 3 = 1 then ' ' else "Cost" end as CostInBillingCurrency,
                        "Cost" as PreTaxCost
                      from ${eaSrc}) to ${quotedString(multi)} (format csv)`,
            );
            const legacyPeriod = { start: '2026-09-01', end: '2026-09-30' };
            for (const [label, path] of [['multi', multi]] as const) {
                try {
                    await legacy('ActualCost')(
                        connection,
                        {
                            path,
                            format: 'csv',
                            dataVersion: '2023-12-01-preview',
                            name: label,
                            period: legacyPeriod,
                        } as never,
                        join(dir, `${label}.parquet`),
                    );
                } catch (error) {
                    failures.push(`${label}: ${(error as Error).message}`);
                }
            }
        });
        expect(failures).toEqual([]);
    });
});

import { buildMeterTable } from '../../../src/focus/ai/buildMeterTable';
import { readOverrides } from '../../../src/focus/ai/meterTable';
import { parseCsv } from '../../../src/focus/ai/parseCsv';
import { RETAIL_PRICE_COLUMNS, retailPriceSnapshot } from '../../../src/focus/ai/retailPriceSnapshot';
import { loadAsset } from '../../../src/focus/loadAsset';

const snapshot = () => loadAsset('data/ai-meter-retail-prices.csv');

describe('the AI meter table and the retail price snapshot it is built from', () => {
    it('is what the snapshot, the overrides and the meter-name rules give today (else run npm run meters:update)', () => {
        const rebuilt = buildMeterTable(snapshot(), readOverrides(loadAsset('data/ai-meter-overrides.csv')));
        const committed = loadAsset('data/ai-meters.csv');
        const rebuiltRows = parseCsv(rebuilt);
        const stale = parseCsv(committed).filter((row, i) => JSON.stringify(row) !== JSON.stringify(rebuiltRows[i]));
        expect(stale.slice(0, 5).map((row) => `${row.meterId} ${row.meterName}`)).toEqual([]);
        expect(rebuilt).toBe(committed);
    });

    it('keeps the snapshot in the form the updater writes', () => {
        expect(retailPriceSnapshot(snapshot())).toBe(snapshot());
    });

    it('reads Azure Retail Prices API pages as JSON into the same snapshot as their CSV', () => {
        const rows = parseCsv(snapshot()).slice(0, 3);
        const item = (row: Record<string, string>) => ({
            currencyCode: 'USD',
            tierMinimumUnits: 0.0,
            ...Object.fromEntries(RETAIL_PRICE_COLUMNS.map((column) => [column, row[column]])),
            retailPrice: Number(row.retailPrice),
            unitPrice: Number(row.retailPrice),
            isPrimaryMeterRegion: row.isPrimaryMeterRegion === 'True',
        });
        const pages = [
            {
                BillingCurrency: 'USD',
                Items: rows.slice(0, 2).map(item),
                NextPageLink: 'https://prices.azure.com/…',
                Count: 2,
            },
            { BillingCurrency: 'USD', Items: rows.slice(2).map(item), NextPageLink: null, Count: 1 },
        ];
        const expected = snapshot().split('\r\n').slice(0, 4).join('\r\n') + '\r\n';
        expect(retailPriceSnapshot(JSON.stringify(pages))).toBe(expected);
        expect(retailPriceSnapshot(JSON.stringify(pages[0]))).toBe(
            snapshot().split('\r\n').slice(0, 3).join('\r\n') + '\r\n',
        );
        expect(retailPriceSnapshot(JSON.stringify([{ ...item(rows[0] ?? {}), retailPrice: 2.5e-7 }]))).toContain(
            ',0.00000025,',
        );
        expect(() => retailPriceSnapshot('{"Items":[]}')).toThrow('no item');
    });
});

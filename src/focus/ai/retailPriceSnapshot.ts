import { csvField, parseCsv } from './parseCsv';

/** The columns of the retail price snapshot (`data/ai-meter-retail-prices.csv`) the meter table is built from. */
export const RETAIL_PRICE_COLUMNS = [
    'armRegionName',
    'serviceName',
    'productName',
    'skuName',
    'meterName',
    'armSkuName',
    'unitOfMeasure',
    'retailPrice',
    'effectiveStartDate',
    'type',
    'meterId',
    'productId',
    'skuId',
    'isPrimaryMeterRegion',
] as const;

type RetailItem = Partial<Record<(typeof RETAIL_PRICE_COLUMNS)[number], unknown>>;

/**
 * The snapshot CSV (the columns above, in order, CRLF lines) from Azure Retail Prices API output
 * (`https://prices.azure.com/api/retail/prices?$filter=…`): one response page `{"Items": […]}`, an array of pages, or
 * an array of items, as JSON; or a CSV with these columns. Rows keep their order, so rebuilding the meter table from
 * the same prices gives the same table.
 */
export function retailPriceSnapshot(text: string): string {
    const trimmed = text.replace(/^\uFEFF/, '').trimStart();
    const items: RetailItem[] =
        trimmed.startsWith('{') || trimmed.startsWith('[') ? jsonItems(JSON.parse(trimmed)) : parseCsv(trimmed);
    if (items.length === 0) throw new Error('The retail prices hold no item.');
    const lines = items.map((item, index) => {
        if (typeof item.meterId !== 'string' || item.meterId === '') {
            throw new Error(`Retail price item ${index + 1} has no meterId.`);
        }
        return RETAIL_PRICE_COLUMNS.map((column) => csvField(cell(item[column]))).join(',');
    });
    return [RETAIL_PRICE_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

function jsonItems(json: unknown): RetailItem[] {
    const pages = Array.isArray(json) ? json : [json];
    return pages.flatMap((page: unknown) => {
        if (page !== null && typeof page === 'object' && 'Items' in page) {
            const items = (page as { Items: unknown }).Items;
            if (!Array.isArray(items)) throw new Error('A retail prices page has Items that is not a list.');
            return items as RetailItem[];
        }
        return [page as RetailItem];
    });
}

/** A value as the API's CSV writes it: booleans `True`/`False`, numbers without exponent. */
function cell(value: unknown): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') {
        const text = String(value);
        return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
}

import { AI_METER_COLUMNS, type AiMeterAttributes } from './aiMeterAttributes';
import type { MeterOverride } from './meterTable';
import { csvField, parseCsv } from './parseCsv';
import { parseMeterName } from './parseMeterName';

const KEY_COLUMNS = ['meterId', 'armRegionName', 'productName', 'meterName', 'unitOfMeasure'] as const;

/**
 * Builds the meter table (`data/ai-meters.csv`) from an Azure Retail Prices CSV: one row per meter id with the parsed
 * attributes and the curated overrides applied, sorted by product, name and region so regenerating gives small diffs.
 */
export function buildMeterTable(retailCsv: string, overrides: ReadonlyMap<string, MeterOverride>): string {
    const byId = new Map<string, Record<(typeof KEY_COLUMNS)[number], string> & AiMeterAttributes>();
    for (const row of parseCsv(retailCsv)) {
        const meterId = (row.meterId ?? '').trim().toLowerCase();
        if (meterId === '' || byId.has(meterId)) continue;
        const parsed = parseMeterName(row.meterName ?? '', row.productName ?? '');
        byId.set(meterId, {
            meterId,
            armRegionName: row.armRegionName ?? '',
            productName: row.productName ?? '',
            meterName: row.meterName ?? '',
            unitOfMeasure: row.unitOfMeasure ?? '',
            ...parsed,
            ...overrides.get(meterId)?.attributes,
        });
    }
    const rows = [...byId.values()].sort(
        (a, b) =>
            a.productName.localeCompare(b.productName) ||
            a.meterName.localeCompare(b.meterName) ||
            a.armRegionName.localeCompare(b.armRegionName) ||
            a.meterId.localeCompare(b.meterId),
    );
    const header = [...KEY_COLUMNS, ...AI_METER_COLUMNS];
    const lines = rows.map((row) => header.map((column) => csvField(String(row[column] ?? ''))).join(','));
    return [header.join(','), ...lines].join('\n') + '\n';
}

import { loadAsset } from '../loadAsset';
import { AI_METER_COLUMNS, type AiMeterAttributes, aiMeterAttributesSchema } from './aiMeterAttributes';
import { parseCsv } from './parseCsv';

/** A curated correction: the attributes it sets (others keep their table or parsed value) and why. */
export interface MeterOverride {
    attributes: Partial<AiMeterAttributes>;
    reason: string;
}

/** The known meters (keyed by lowercase meter id) and the curated overrides. */
export interface MeterTable {
    meters: ReadonlyMap<string, AiMeterAttributes>;
    overrides: ReadonlyMap<string, MeterOverride>;
}

let cached: MeterTable | undefined;

/** Loads `data/ai-meters.csv` and `data/ai-meter-overrides.csv` once. */
export function meterTable(): MeterTable {
    cached ??= {
        meters: readMeters(loadAsset('data/ai-meters.csv')),
        overrides: readOverrides(loadAsset('data/ai-meter-overrides.csv')),
    };
    return cached;
}

/** Parses the meter table CSV: `meterId`, descriptive columns, then the AI columns (empty cell = null). */
export function readMeters(csv: string): Map<string, AiMeterAttributes> {
    const meters = new Map<string, AiMeterAttributes>();
    for (const row of parseCsv(csv)) {
        const cells = Object.fromEntries(
            AI_METER_COLUMNS.map((c) => [c, row[c] === '' || row[c] === undefined ? null : row[c]]),
        );
        meters.set(requireId(row), aiMeterAttributesSchema.parse(cells));
    }
    return meters;
}

/** Parses the overrides CSV: `meterId`, `meterName`, any AI columns (empty = keep, `null` = clear), `reason`. */
export function readOverrides(csv: string): Map<string, MeterOverride> {
    const overrides = new Map<string, MeterOverride>();
    for (const row of parseCsv(csv)) {
        const set = AI_METER_COLUMNS.filter((c) => row[c] !== undefined && row[c] !== '');
        const cells = Object.fromEntries(set.map((c) => [c, row[c] === 'null' ? null : row[c]]));
        const reason = row.reason ?? '';
        if (reason.trim() === '') throw new Error(`Override for meter ${row.meterId} has no reason`);
        overrides.set(requireId(row), { attributes: aiMeterAttributesSchema.partial().parse(cells), reason });
    }
    return overrides;
}

function requireId(row: Record<string, string>): string {
    const id = row.meterId?.trim().toLowerCase();
    if (!id) throw new Error('AI meter data row without meterId');
    return id;
}

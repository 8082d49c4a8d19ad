import { type AiMeterAttributes, type ClassificationSource, NON_AI_ATTRIBUTES } from './aiMeterAttributes';
import { aiMeterRules } from './aiMeterRules';
import { type MeterTable, meterTable } from './meterTable';
import { parseMeterName } from './parseMeterName';

/** One distinct meter of an export part, as the transform extracts it. */
export interface MeterKey {
    /** x_SkuMeterId */
    meterId: string | null;
    /** SkuMeter / x_SkuMeterName */
    meterName: string | null;
    /** x_SkuMeterSubcategory (the retail product name, e.g. `Azure OpenAI GPT5`) */
    meterSubcategory: string | null;
    /** x_SkuMeterCategory (the retail service name, e.g. `Foundry Models`) */
    meterCategory: string | null;
}

/** The AI attributes of one meter and where they came from (`unknown`: not an AI model meter, all null). */
export type ClassifiedMeter = MeterKey & AiMeterAttributes & { source: ClassificationSource };

/**
 * Classifies distinct meters: the meter table by meter id first (ids survive renames), then curated overrides by id on
 * top, and for unseen meters the name parser. Meters outside the AI model categories get null attributes.
 */
export function classifyMeters(meters: readonly MeterKey[], table: MeterTable = meterTable()): ClassifiedMeter[] {
    return meters.map((meter) => {
        const id = meter.meterId?.trim().toLowerCase() ?? '';
        const known = table.meters.get(id);
        const override = table.overrides.get(id);
        let base: AiMeterAttributes | undefined = known;
        let source: ClassificationSource = 'table';
        if (base === undefined && isAiMeter(meter)) {
            base = parseMeterName(meter.meterName ?? '', meter.meterSubcategory ?? '');
            source = 'parsed';
        }
        if (base === undefined) return { ...meter, ...NON_AI_ATTRIBUTES, source: 'unknown' };
        if (override) return { ...meter, ...base, ...override.attributes, source: 'override' };
        return { ...meter, ...base, source };
    });
}

/**
 * An AI model meter: its category is a model category (`Foundry Models`, `Azure OpenAI`), its subcategory is a known
 * model product, or it is a token meter (`… Tokens`) in another AI service category (`Cognitive Services`).
 */
export function isAiMeter(meter: MeterKey): boolean {
    const rules = aiMeterRules();
    const category = meter.meterCategory?.trim() ?? '';
    const product = meter.meterSubcategory?.trim() ?? '';
    if (rules.modelCategories.some((c) => c.toLowerCase() === category.toLowerCase())) return true;
    if (product !== '' && rules.products.some((p) => p.match.test(product))) return true;
    return (
        rules.tokenCategories.some((c) => c.toLowerCase() === category.toLowerCase()) &&
        rules.tokenSuffix.test(meter.meterName?.trim() ?? '')
    );
}

import { z } from 'zod';

import { loadAsset } from '../loadAsset';

const wordList = z.array(z.string().min(1));

const rulesSchema = z.object({
    tokenSuffix: z.string(),
    unitSuffixes: wordList,
    phrases: z.record(z.string(), z.string()),
    rewrites: z.record(z.string(), z.string()),
    splitPatterns: wordList,
    words: z.object({
        direction: z.object({ Input: wordList, Output: wordList }),
        cache: wordList,
        cacheWrite: wordList,
        deployment: z.object({ DataZone: wordList, Global: wordList, Regional: wordList }),
        tier: z.object({ Batch: wordList, Priority: wordList, Standard: wordList }),
        workload: z.object({ Grading: wordList, Hosting: wordList, Training: wordList }),
        fineTune: wordList,
        provisioned: wordList,
        noise: wordList,
    }),
    productNoise: z.record(z.string(), wordList),
    versionCodes: z.record(z.string(), z.iso.date()),
    modelCategories: wordList,
    tokenCategories: wordList,
    products: z.array(
        z.object({
            match: z.string(),
            developer: z.string().optional(),
            family: z.string().optional(),
            defaultDeployment: z.enum(['Global', 'DataZone', 'Regional']).optional(),
            defaultWorkload: z.enum(['Inference', 'Hosting']).optional(),
        }),
    ),
    models: z.array(
        z.object({
            products: z.string(),
            match: z.string(),
            id: z.string(),
            family: z.string().optional(),
            developer: z.string().optional(),
            embedding: z.boolean().optional(),
        }),
    ),
});

type RawRules = z.infer<typeof rulesSchema>;

/** A product (meter subcategory) rule with its pattern compiled. */
export type ProductRule = Omit<RawRules['products'][number], 'match'> & { match: RegExp };
/** A model rule with its patterns compiled; `id` and `family` may hold `$1`… placeholders. */
export type ModelRule = Omit<RawRules['models'][number], 'match' | 'products'> & { match: RegExp; products: RegExp };

/** The meter-name vocabulary and model rules of `data/ai-meter-rules.json`, compiled. */
export interface AiMeterRules extends Omit<RawRules, 'tokenSuffix' | 'splitPatterns' | 'products' | 'models'> {
    tokenSuffix: RegExp;
    splitPatterns: RegExp[];
    products: ProductRule[];
    models: ModelRule[];
}

let cached: AiMeterRules | undefined;

/** Loads and validates the rules once; a malformed rules file fails loudly on first use. */
export function aiMeterRules(): AiMeterRules {
    if (cached) return cached;
    const raw = rulesSchema.parse(JSON.parse(loadAsset('data/ai-meter-rules.json')));
    cached = {
        ...raw,
        tokenSuffix: new RegExp(raw.tokenSuffix, 'i'),
        splitPatterns: raw.splitPatterns.map((pattern) => new RegExp(pattern)),
        products: raw.products.map((rule) => ({ ...rule, match: new RegExp(rule.match, 'i') })),
        models: raw.models.map((rule) => ({
            ...rule,
            match: new RegExp(rule.match),
            products: new RegExp(rule.products, 'i'),
        })),
    };
    return cached;
}

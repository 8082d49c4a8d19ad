import type { AiMeterRules, ProductRule } from './aiMeterRules';

/** The model a meter name refers to. */
export interface ModelMatch {
    id: string;
    family: string | null;
    developer: string | null;
    embedding: boolean;
}

/**
 * Finds the first model rule scoped to the product whose pattern matches the model words (the meter name without its
 * direction, cache, deployment, tier, workload and version words, space-joined). `$1`, `$2` in the rule's id and
 * family take the pattern's groups; empty groups drop out (`gpt-$1-$2` with `4.1` and nothing → `gpt-4.1`).
 */
export function matchModel(
    modelWords: string,
    product: string,
    productRule: ProductRule | undefined,
    rules: AiMeterRules,
): ModelMatch | null {
    for (const rule of rules.models) {
        if (!rule.products.test(product)) continue;
        const match = rule.match.exec(modelWords);
        if (!match) continue;
        const family = rule.family ?? productRule?.family;
        return {
            id: fill(rule.id, match),
            family: family === undefined ? null : fill(family, match),
            developer: rule.developer ?? productRule?.developer ?? null,
            embedding: rule.embedding ?? false,
        };
    }
    return null;
}

function fill(template: string, match: RegExpExecArray): string {
    return template
        .replace(/\$(\d)/g, (_, group: string) => match[Number(group)] ?? '')
        .replace(/\s+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^-|-$/g, '');
}

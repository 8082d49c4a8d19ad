import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseCsv } from '../../../src/focus/ai/parseCsv';
import { assetPath } from '../../../src/focus/loadAsset';

const fixtures = join(__dirname, '..', '..', 'fixtures');

/** The Azure Retail Prices snapshot the meter table is built from (`src/focus/data/ai-meter-retail-prices.csv`). */
export function retailRows(): Record<string, string>[] {
    return parseCsv(readFileSync(assetPath('data/ai-meter-retail-prices.csv'), 'utf8'));
}

/** Reads a fixture CSV. */
export function fixtureRows(name: string): Record<string, string>[] {
    return parseCsv(readFileSync(join(fixtures, name), 'utf8'));
}

const TOKENS = /\s(1M\s)?Tokens$/i;

/** Whether a meter name ends in `Tokens` (the retail rows the accuracy is measured on). */
export function isTokenName(name: string): boolean {
    return TOKENS.test(name);
}

/**
 * Independent expectation of the token direction, written as plain regular expressions over the raw name (it shares no
 * code or vocabulary file with the classifier): an output word, else an input or cache word, else an embedding model.
 */
export function expectedDirection(name: string): 'Input' | 'Output' | null {
    const stem = name.replace(TOKENS, '');
    if (/(^|[^a-z])(outp|output|outpt|opt|out)([^a-z]|$)/i.test(stem) || /[a-z](Outp)/.test(stem)) return 'Output';
    if (/(^|[^a-z])(inp|input|inpt|in)([^a-z]|$)/i.test(stem) || /(Aud|Txt)Inp/.test(stem)) return 'Input';
    if (/(^|[^a-z])(cached|cchd|cd|cache|ch)([^a-z]|$)/i.test(stem) || /embed/i.test(stem)) return 'Input';
    return null;
}

/** Independent expectation of the deployment type a name states, or null when it states none. */
export function expectedDeployment(name: string): 'Global' | 'DataZone' | 'Regional' | null {
    const stem = name.replace(TOKENS, '');
    if (/data ?zone|(^|[^a-z])(dz|dzone|dzn)([^a-z]|$)/i.test(stem)) return 'DataZone';
    if (/(^|[^a-z])(glbl|gl|global|glb)([^a-z]|$)/i.test(stem)) return 'Global';
    if (/(^|[^a-z])(regnl|rgnl|regional|regn)([^a-z]|$)/i.test(stem) || /FTregnl/.test(stem)) return 'Regional';
    return null;
}

/** Expected model id by the longest hand-written name prefix of the product (`ai-meter-model-prefixes.csv`). */
export function modelExpectation(): (product: string, name: string) => string | null {
    const prefixes = fixtureRows('ai-meter-model-prefixes.csv');
    return (product, name) => {
        let best: { prefix: string; modelId: string } | null = null;
        for (const row of prefixes) {
            const prefix = row.prefix ?? '';
            if (row.product !== product || !name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
            if (best === null || prefix.length > best.prefix.length) best = { prefix, modelId: row.modelId ?? '' };
        }
        return best?.modelId ?? null;
    };
}

/** Share of `hits` in `total`, as a percentage with one decimal. */
export function percent(hits: number, total: number): number {
    return total === 0 ? 0 : Math.round((hits / total) * 1000) / 10;
}

import type { AiMeterRules } from './aiMeterRules';

/** A meter name cut into lowercase words, with its billing suffix recognised. */
export interface MeterNameWords {
    words: string[];
    isTokenMeter: boolean;
    tokenBlockSize: 1000 | 1000000 | null;
}

/**
 * Strips the billing suffix (`Tokens`, `1M Tokens`, `Unit`, `Images`…), splits glued words (`AudInp`, `mini0718`,
 * `3bFTregnl`) and separators (space, `-`, `_`), lowercases, and joins multi-word phrases (`data zone`).
 */
export function tokenizeMeterName(meterName: string, rules: AiMeterRules): MeterNameWords {
    const name = meterName.trim();
    const token = rules.tokenSuffix.exec(name);
    const stem = token ? name.slice(0, token.index) : stripUnitSuffix(name, rules.unitSuffixes);
    let text = stem
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .replace(/[\s\-_/,()]+/g, ' ')
        .trim();
    for (const [phrase, replacement] of Object.entries(rules.phrases)) {
        text = text.replace(new RegExp(`(?<![a-z0-9])${escapeRegExp(phrase)}(?![a-z0-9])`, 'g'), replacement);
    }
    const words = text
        .split(' ')
        .filter((word) => word !== '')
        .flatMap((word) => (rules.rewrites[word] ?? word).split(' '))
        .flatMap((word) =>
            rules.splitPatterns.reduce((parts, pattern) => parts.flatMap((p) => p.split(pattern)), [word]),
        );
    return {
        words,
        isTokenMeter: token !== null,
        tokenBlockSize: token === null ? null : token[1] ? 1000000 : 1000,
    };
}

function stripUnitSuffix(name: string, suffixes: readonly string[]): string {
    const lower = name.toLowerCase();
    const suffix = [...suffixes].sort((a, b) => b.length - a.length).find((s) => lower.endsWith(` ${s.toLowerCase()}`));
    return suffix === undefined ? name : name.slice(0, name.length - suffix.length - 1);
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

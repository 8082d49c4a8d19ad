import type {
    AiMeterAttributes,
    AIWorkload,
    DeploymentType,
    ProcessingTier,
    TokenDirection,
} from './aiMeterAttributes';
import { type AiMeterRules, aiMeterRules } from './aiMeterRules';
import { matchModel } from './matchModel';
import { parseModelVersion } from './parseModelVersion';
import { tokenizeMeterName } from './tokenizeMeterName';

interface NameFacts {
    direction: TokenDirection | null;
    cache: boolean;
    cacheWrite: boolean;
    deployment: DeploymentType | null;
    tier: ProcessingTier | null;
    workload: AIWorkload | null;
    fineTune: boolean;
    provisioned: boolean;
    version: { date: string | null } | null;
    modelWords: string[];
}

/**
 * Classifies an AI meter from its name and product (meter subcategory, e.g. `Azure Deepseek Models`, which names the
 * family when the meter name does not: `R1 Outp glbl Tokens`). Pure: the vocabulary and model rules are data in
 * `data/ai-meter-rules.json`. Token attributes are set only for meters whose name ends in `Tokens` / `1M Tokens`.
 */
export function parseMeterName(meterName: string, product: string, rules = aiMeterRules()): AiMeterAttributes {
    const { words, isTokenMeter, tokenBlockSize } = tokenizeMeterName(meterName, rules);
    const facts = readWords(words, product, rules);
    const productRule = rules.products.find((rule) => rule.match.test(product));
    const model = matchModel(facts.modelWords.join(' '), product, productRule, rules);
    const flags: string[] = [];

    const workload: AIWorkload =
        facts.workload ??
        (facts.fineTune && isTokenMeter && facts.direction === null && !facts.cache ? 'Training' : null) ??
        (facts.provisioned ? 'Inference' : (productRule?.defaultWorkload ?? 'Inference'));
    let direction = facts.direction ?? (facts.cache || model?.embedding ? 'Input' : null);
    if (!isTokenMeter) direction = null;
    const cache =
        direction !== 'Input' ? null : facts.cache && facts.cacheWrite ? 'Write' : facts.cache ? 'Read' : 'Uncached';
    const inference = workload === 'Inference' || workload === 'Grading';
    const deployment =
        facts.deployment ??
        (facts.provisioned ? 'Provisioned' : null) ??
        (isTokenMeter && workload === 'Inference' ? (productRule?.defaultDeployment ?? null) : null);
    const tier = facts.provisioned ? 'Provisioned' : (facts.tier ?? (inference ? 'Standard' : null));

    if (isTokenMeter && model === null) flags.push('model-unknown');
    if (isTokenMeter && inference && direction === null) flags.push('direction-unknown');
    if (facts.version !== null && facts.version.date === null) flags.push('version-code-unknown');
    const knownModel = model !== null || isTokenMeter;
    return {
        x_ModelDeveloper: knownModel ? (model?.developer ?? productRule?.developer ?? null) : null,
        x_ModelFamily: knownModel ? (model?.family ?? productRule?.family ?? null) : null,
        x_ModelId: model?.id ?? (isTokenMeter ? 'unknown' : null),
        x_ModelVersion: model === null ? null : (facts.version?.date ?? null),
        x_TokenDirection: direction,
        x_CacheAction: cache,
        x_DeploymentType: deployment,
        x_ProcessingTier: tier,
        x_AIWorkload: workload,
        x_IsTokenMeter: isTokenMeter,
        x_TokenBlockSize: tokenBlockSize,
        x_AIMeterFlags: flags.length === 0 ? null : flags.join(';'),
    };
}

function readWords(words: readonly string[], product: string, rules: AiMeterRules): NameFacts {
    const w = rules.words;
    const noise = new Set([...w.noise, ...(rules.productNoise[product] ?? [])]);
    const facts: NameFacts = {
        direction: null,
        cache: false,
        cacheWrite: false,
        deployment: null,
        tier: null,
        workload: null,
        fineTune: false,
        provisioned: false,
        version: null,
        modelWords: [],
    };
    for (const word of words) {
        const version = parseModelVersion(word, rules.versionCodes);
        if (version.kind === 'version') facts.version ??= version;
        else if (w.direction.Input.includes(word)) facts.direction ??= 'Input';
        else if (w.direction.Output.includes(word)) facts.direction ??= 'Output';
        else if (w.cache.includes(word)) facts.cache = true;
        else if (w.cacheWrite.includes(word)) facts.cacheWrite = true;
        else if (w.fineTune.includes(word)) facts.fineTune = true;
        else if (w.provisioned.includes(word)) facts.provisioned = true;
        else if (noise.has(word)) continue;
        else {
            const deployment = keyOf(w.deployment, word);
            const tier = keyOf(w.tier, word);
            const workload = keyOf(w.workload, word);
            if (deployment) facts.deployment ??= deployment;
            else if (tier) facts.tier ??= tier;
            else if (workload) facts.workload = rankWorkload(facts.workload, workload);
            else facts.modelWords.push(word);
        }
    }
    return facts;
}

function keyOf<K extends string>(groups: Record<K, string[]>, word: string): K | undefined {
    return (Object.keys(groups) as K[]).find((key) => groups[key].includes(word));
}

const WORKLOAD_RANK: readonly AIWorkload[] = ['Grading', 'Hosting', 'Training'];

/** Grading beats hosting beats training when a name carries several workload words (`o3-ft mdl grdr`). */
function rankWorkload(current: AIWorkload | null, next: AIWorkload): AIWorkload {
    if (current === null) return next;
    return WORKLOAD_RANK.indexOf(current) <= WORKLOAD_RANK.indexOf(next) ? current : next;
}

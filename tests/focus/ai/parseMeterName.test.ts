import type { AiMeterAttributes } from '../../../src/focus/ai/aiMeterAttributes';
import { parseMeterName } from '../../../src/focus/ai/parseMeterName';
import {
    expectedDeployment,
    expectedDirection,
    fixtureRows,
    isTokenName,
    modelExpectation,
    percent,
    retailRows,
} from './expectations';

const LABEL_FIELDS: [string, keyof AiMeterAttributes][] = [
    ['modelId', 'x_ModelId'],
    ['version', 'x_ModelVersion'],
    ['direction', 'x_TokenDirection'],
    ['cache', 'x_CacheAction'],
    ['deployment', 'x_DeploymentType'],
    ['tier', 'x_ProcessingTier'],
    ['workload', 'x_AIWorkload'],
    ['blockSize', 'x_TokenBlockSize'],
];

describe('parseMeterName', () => {
    it('matches every hand-checked label (tests/fixtures/ai-meter-labels.csv)', () => {
        const labels = fixtureRows('ai-meter-labels.csv');
        expect(labels.length).toBeGreaterThanOrEqual(150);
        const mismatches = labels.flatMap((label) => {
            const parsed = parseMeterName(label.meterName ?? '', label.product ?? '');
            return LABEL_FIELDS.filter(([column, field]) => (label[column] ?? '') !== String(parsed[field] ?? '')).map(
                ([column, field]) => `${label.meterName}: ${column} expected "${label[column]}" got "${parsed[field]}"`,
            );
        });
        console.log(`Labelled meter names: ${labels.length}, field mismatches: ${mismatches.length}`);
        expect(mismatches).toEqual([]);
    });

    it('classifies the retail token meters by name alone at the required accuracy', () => {
        const expectedModel = modelExpectation();
        const tokens = retailRows().filter((row) => isTokenName(row.meterName ?? ''));
        let direction = 0;
        let deploymentStated = 0;
        let deployment = 0;
        let model = 0;
        for (const row of tokens) {
            const name = row.meterName ?? '';
            const parsed = parseMeterName(name, row.productName ?? '');
            if (parsed.x_TokenDirection === expectedDirection(name)) direction++;
            const stated = expectedDeployment(name);
            if (stated !== null) {
                deploymentStated++;
                if (parsed.x_DeploymentType === stated) deployment++;
            }
            if (parsed.x_ModelId === expectedModel(row.productName ?? '', name)) model++;
        }
        const figures = {
            direction: percent(direction, tokens.length),
            deployment: percent(deployment, deploymentStated),
            model: percent(model, tokens.length),
        };
        console.log(
            `Name parser on ${tokens.length} retail token meters: direction ${figures.direction} %, ` +
                `deployment ${figures.deployment} % of ${deploymentStated} stating one, model id ${figures.model} %`,
        );
        expect(tokens.length).toBeGreaterThan(2700);
        expect(figures.direction).toBeGreaterThanOrEqual(99);
        expect(figures.deployment).toBeGreaterThanOrEqual(97);
        expect(figures.model).toBeGreaterThanOrEqual(95);
    });

    it('reads 1M blocks, MMDDYYYY versions and cache writes', () => {
        const parsed = parseMeterName('chat-latest 05282026 cd inp Gl 1M Tokens', 'Azure OpenAI GPT5');
        expect(parsed).toMatchObject({
            x_ModelId: 'chat-latest',
            x_ModelVersion: '2026-05-28',
            x_TokenBlockSize: 1000000,
            x_CacheAction: 'Read',
            x_ModelDeveloper: 'OpenAI',
        });
        expect(parseMeterName('5.6 sol ShortCo Cd Wr Std DZ 1M Tokens', 'Azure OpenAI GPT5').x_CacheAction).toBe(
            'Write',
        );
    });

    it('names the family from the product when the meter name omits it', () => {
        expect(parseMeterName('R1 Outp glbl Tokens', 'Azure Deepseek Models')).toMatchObject({
            x_ModelId: 'DeepSeek-R1',
            x_ModelFamily: 'DeepSeek',
            x_ModelDeveloper: 'DeepSeek',
            x_TokenDirection: 'Output',
            x_CacheAction: null,
            x_DeploymentType: 'Global',
        });
    });

    it('keeps tokens but flags a token meter it cannot identify', () => {
        expect(parseMeterName('Zeta 9 Inp glbl Tokens', 'Azure Unheard Models')).toMatchObject({
            x_ModelId: 'unknown',
            x_IsTokenMeter: true,
            x_TokenBlockSize: 1000,
            x_TokenDirection: 'Input',
            x_AIMeterFlags: 'model-unknown',
        });
        expect(parseMeterName('Az-GPT-3.5-turbo Tokens', 'Azure OpenAI')).toMatchObject({
            x_TokenDirection: null,
            x_AIMeterFlags: 'direction-unknown',
        });
    });

    it('gives non-token meters no token attributes and no model when the name has none', () => {
        expect(parseMeterName('Provisioned Managed Regional Unit', 'Azure Grok Models')).toMatchObject({
            x_ModelId: null,
            x_ModelFamily: null,
            x_IsTokenMeter: false,
            x_TokenBlockSize: null,
            x_TokenDirection: null,
            x_CacheAction: null,
            x_DeploymentType: 'Regional',
            x_ProcessingTier: 'Provisioned',
        });
        expect(parseMeterName('Speech-Text to Speech HD-global Characters', 'Azure OpenAI')).toMatchObject({
            x_ModelId: 'tts-hd',
            x_IsTokenMeter: false,
            x_DeploymentType: 'Global',
        });
    });
});

import { classifyMeters, type MeterKey } from '../../../src/focus/ai/classifyMeters';
import { meterTable, readMeters, readOverrides } from '../../../src/focus/ai/meterTable';
import {
    expectedDeployment,
    expectedDirection,
    isTokenName,
    modelExpectation,
    percent,
    retailRows,
} from './expectations';

const meter = (
    meterId: string,
    meterName: string,
    meterSubcategory: string,
    meterCategory = 'Foundry Models',
): MeterKey => ({
    meterId,
    meterName,
    meterSubcategory,
    meterCategory,
});

describe('classifyMeters', () => {
    it('finds every meter of the retail price snapshot in the table', () => {
        const ids = new Set(retailRows().map((row) => row.meterId?.toLowerCase()));
        expect(meterTable().meters.size).toBe(ids.size);
    });

    it('reports the table path accuracy on the retail token meters (the name-parser figure is the honest one)', () => {
        const expectedModel = modelExpectation();
        const tokens = retailRows().filter((row) => isTokenName(row.meterName ?? ''));
        const classified = classifyMeters(
            tokens.map((row) => meter(row.meterId ?? '', row.meterName ?? '', row.productName ?? '')),
        );
        let direction = 0;
        let deployment = 0;
        let stated = 0;
        let model = 0;
        classified.forEach((result, i) => {
            const row = tokens[i];
            const name = row?.meterName ?? '';
            if (result.x_TokenDirection === expectedDirection(name)) direction++;
            const expected = expectedDeployment(name);
            if (expected !== null) {
                stated++;
                if (result.x_DeploymentType === expected) deployment++;
            }
            if (result.x_ModelId === expectedModel(row?.productName ?? '', name)) model++;
        });
        const sources = new Set(classified.map((c) => c.source));
        console.log(
            `Meter table on ${tokens.length} retail token meters: direction ${percent(direction, tokens.length)} %, ` +
                `deployment ${percent(deployment, stated)} %, model id ${percent(model, tokens.length)} % ` +
                `(sources: ${[...sources].join(', ')})`,
        );
        expect(sources.has('parsed')).toBe(false);
        expect(percent(model, tokens.length)).toBeGreaterThanOrEqual(95);
    });

    it('keeps the table attributes when a meter is renamed but keeps its id', () => {
        const known = retailRows().find(
            (row) => row.meterName === 'gpt 4.1 Inp glbl Tokens' && row.armRegionName === 'eastus2',
        );
        const [result] = classifyMeters([meter(known?.meterId ?? '', '4.1 pp inp Gl Tokens', 'Azure OpenAI')]);
        expect(result).toMatchObject({ source: 'table', x_ModelId: 'gpt-4.1', x_ProcessingTier: 'Standard' });
    });

    it('applies curated overrides over the table, with a reason required', () => {
        const table = {
            meters: readMeters(
                'meterId,x_ModelDeveloper,x_ModelFamily,x_ModelId,x_ModelVersion,x_TokenDirection,x_CacheAction,x_DeploymentType,x_ProcessingTier,x_AIWorkload,x_IsTokenMeter,x_TokenBlockSize,x_AIMeterFlags\n' +
                    'aaa,Meta,Llama,Llama-3.3-70B-Instruct,,,,,,Training,true,1000,\n',
            ),
            overrides: readOverrides(
                'meterId,meterName,x_DeploymentType,reason\nAAA,3.3 70b FT Tokens,Global,priced as Global\n',
            ),
        };
        const [result] = classifyMeters([meter('aaa', 'anything', 'Azure Llama Models')], table);
        expect(result).toMatchObject({ source: 'override', x_DeploymentType: 'Global', x_AIWorkload: 'Training' });
        expect(() => readOverrides('meterId,meterName,x_DeploymentType,reason\naaa,x,Global,\n')).toThrow(/no reason/);
        expect(() => readOverrides('meterId,meterName,x_DeploymentType,reason\naaa,x,Moon,why\n')).toThrow();
    });

    it('parses unseen AI meters and leaves other meters null', () => {
        const results = classifyMeters([
            meter('new-id', 'gpt 7 mini Inp glbl 1M Tokens', 'Azure OpenAI GPT7'),
            meter('cs-id', 'gpt 4o 0513 Input global Tokens', 'Azure OpenAI', 'Cognitive Services'),
            meter('dns-id', 'Public Queries', 'Azure DNS', 'Networking'),
            { meterId: null, meterName: null, meterSubcategory: null, meterCategory: null },
        ]);
        expect(results.map((r) => r.source)).toEqual(['parsed', 'parsed', 'unknown', 'unknown']);
        expect(results[0]).toMatchObject({
            x_ModelId: 'unknown',
            x_TokenBlockSize: 1000000,
            x_AIMeterFlags: 'model-unknown',
        });
        expect(results[1]).toMatchObject({ x_ModelId: 'gpt-4o', x_ModelVersion: '2024-05-13' });
        expect(results[2]).toMatchObject({ x_ModelId: null, x_IsTokenMeter: null, x_TokenBlockSize: null });
    });
});

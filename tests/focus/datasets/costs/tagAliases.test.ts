import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { PipelineError } from '../../../../src/errors';
import { defaultTagAliases, parseTagAliases, TagAliases } from '../../../../src/focus/datasets/costs/tagAliases';
import { transformCosts } from '../../../../src/focus/datasets/costs/transformCosts';
import { baseRow, writeFocusCsv } from '../../../helpers/focusCsv';
import { rowsOf, withConnection } from '../../../helpers/withConnection';

const TAGS: Record<string, string> = {
    focus: '{"CostCenter":"1234","env":"prod","App":"chat"}',
    legacy: '"Cost-Center": "42","Environment": "dev","application": "billing"',
    priority: '{"env":"test"," ENVIRONMENT ":"prod","cc":"9"}',
    fallback: '{"environment":"","env":"qa","cost center":7}',
    none: '{"owner":"ana"}',
    empty: '',
    malformed: '{"env": "prod"',
    custom: '{"Kostenstelle":"K-1","CostCenter":"1234","stage":"prod"}',
    // A key given twice: the last value wins, as JSON parsers (JSON.parse, Python, Power Query) read it.
    twice: '{"env":"dev","CostCenter":"1","env":"prod","CostCenter":"2"}',
};

async function tagColumns(aliases?: TagAliases): Promise<Record<string, Record<string, unknown>>> {
    return withConnection(async (connection, dir) => {
        const input = join(dir, 'part.csv');
        const rows = Object.entries(TAGS).map(([id, Tags]) => ({ ...baseRow, ChargeDescription: id, Tags }));
        writeFocusCsv(input, '1.0r2', rows);
        const output = join(dir, 'out.parquet');
        const part = { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' } as const;
        const totals = await transformCosts(connection, part, output, { tagAliases: aliases });
        expect(totals.rows).toBe(rows.length);
        const read = await rowsOf(
            connection,
            `select ChargeDescription as id, x_SourceChanges, x_TagCostCenter, x_TagEnvironment, x_TagApplication
             from read_parquet(${quotedString(output)})`,
        );
        return Object.fromEntries(read.map(({ id, ...columns }) => [String(id), columns]));
    });
}

describe('tag columns', () => {
    it('reads FOCUS and legacy tags case-insensitively, by alias priority, and ignores other keys', async () => {
        const byId = await tagColumns();
        const tags = (id: string) => {
            const { x_TagCostCenter, x_TagEnvironment, x_TagApplication } = byId[id] ?? {};
            return [x_TagCostCenter, x_TagEnvironment, x_TagApplication];
        };
        expect(tags('focus')).toEqual(['1234', 'prod', 'chat']);
        expect(tags('legacy')).toEqual(['42', 'dev', 'billing']);
        expect(byId.legacy?.x_SourceChanges).toBe('WrappedTags');
        expect(tags('priority')).toEqual(['9', 'prod', null]);
        expect(tags('fallback')).toEqual(['7', 'qa', null]);
        expect(tags('none')).toEqual([null, null, null]);
        expect(tags('empty')).toEqual([null, null, null]);
        expect(tags('malformed')).toEqual([null, null, null]);
        expect(byId.malformed?.x_SourceChanges).toBe('InvalidTags');
        expect(tags('custom')).toEqual(['1234', null, null]);
        expect(tags('twice')).toEqual(['2', 'prod', null]);
    });

    it('uses aliases given as JSON, keeping the defaults for columns left out', async () => {
        const aliases = parseTagAliases('{"x_TagCostCenter":["Kostenstelle","cc"],"x_TagEnvironment":["stage"]}', 'T');
        expect(aliases.x_TagCostCenter).toEqual(['kostenstelle', 'cc']);
        expect(aliases.x_TagApplication).toEqual(defaultTagAliases().x_TagApplication);
        const byId = await tagColumns(aliases);
        expect(byId.custom).toMatchObject({ x_TagCostCenter: 'K-1', x_TagEnvironment: 'prod' });
        expect(byId.focus).toMatchObject({ x_TagCostCenter: null, x_TagEnvironment: null, x_TagApplication: 'chat' });
        expect(byId.priority).toMatchObject({ x_TagCostCenter: '9', x_TagEnvironment: null });
    });

    it.each([
        ['not JSON', 'not json'],
        ['an unknown column', '{"x_TagOwner":["owner"]}'],
        ['an empty list', '{"x_TagEnvironment":[]}'],
        ['a key in two columns', '{"x_TagEnvironment":["app"]}'],
    ])('rejects %s with ConfigInvalid naming the setting', (_, text) => {
        const parse = () => parseTagAliases(text, 'HUB_TAG_ALIASES');
        expect(parse).toThrow(PipelineError);
        expect(parse).toThrow(/^HUB_TAG_ALIASES/);
        try {
            parse();
        } catch (error) {
            expect((error as PipelineError).code).toBe('ConfigInvalid');
        }
    });
});

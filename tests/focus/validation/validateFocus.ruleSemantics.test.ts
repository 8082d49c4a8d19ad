import { noOverrides, parseFocusModel, validateFocus, ValidationReport } from '../../../src/focus/validation';
import type { CheckNode } from '../../../src/focus/validation/focusModel';
import { withConnection } from '../../helpers/withConnection';

interface MiniRule {
    requirement: CheckNode;
    condition?: CheckNode;
    keyword?: string;
    type?: 'Static' | 'Dynamic';
    criteria?: string[];
    dependencies?: string[];
}

const ref = (ModelRuleId: string): CheckNode => ({ CheckFunction: 'CheckModelRule', ModelRuleId });
const and = (...Items: CheckNode[]): CheckNode => ({ CheckFunction: 'AND', Items });

/** A model of a few rules under the root `Root-D-000-M`, on a table `t(id, kind, a, b)`. */
async function run(rules: Record<string, MiniRule>, table: string): Promise<ValidationReport> {
    const ModelRules = Object.fromEntries(
        Object.entries(rules).map(([id, rule]) => [
            id,
            {
                Function: 'Validation',
                Reference: 'a',
                EntityType: 'Column',
                Type: rule.type ?? 'Static',
                ApplicabilityCriteria: rule.criteria ?? [],
                ValidationCriteria: {
                    MustSatisfy: `${id}.`,
                    Keyword: rule.keyword ?? 'MUST',
                    Requirement: rule.requirement,
                    Condition: rule.condition ?? {},
                    Dependencies: rule.dependencies ?? [],
                },
            },
        ]),
    );
    const model = parseFocusModel(
        JSON.stringify({
            Details: { ModelVersion: '1.2', FOCUSVersion: '1.2' },
            ApplicabilityCriteria: { X_SUPPORTED: { Description: 'x' } },
            CheckFunctions: {},
            ModelDatasets: { CostAndUsage: { ModelRules: ['Root-D-000-M'] } },
            ModelRules,
        }),
    );
    return withConnection(async (connection) => {
        await connection.run(`create view t as ${table}`);
        return validateFocus(connection, 't', { model, overrides: noOverrides, criteria: [] });
    });
}

const statuses = (report: ValidationReport) =>
    Object.fromEntries(report.rules.map((rule) => [rule.id, `${rule.status} ${rule.rows}`]));
const messages = (report: ValidationReport) => Object.fromEntries(report.rules.map((rule) => [rule.id, rule.message]));

const TABLE = `select * from (values (1, 'Usage', 'x', 'p'), (2, 'Tax', null, 'p'), (3, 'Usage', 'y', 'q'), (4, 'Usage', 'y', 'r'))
    v(id, kind, a, b)`;

describe('rule semantics', () => {
    test('composites combine children; conditions are inherited; SHOULD failures do not fail a MUST parent', async () => {
        const report = await run(
            {
                'Root-D-000-M': { requirement: and(ref('A-C-001-M'), ref('A-C-002-C'), ref('A-C-003-O')) },
                'A-C-001-M': { requirement: { CheckFunction: 'ColumnPresent', ColumnName: 'a' } },
                'A-C-002-C': {
                    requirement: and(ref('A-C-004-M')),
                    condition: { CheckFunction: 'CheckValue', ColumnName: 'kind', Value: 'Usage' },
                },
                'A-C-003-O': {
                    requirement: { CheckFunction: 'CheckValue', ColumnName: 'a', Value: 'x' },
                    keyword: 'SHOULD',
                },
                'A-C-004-M': { requirement: { CheckFunction: 'CheckNotValue', ColumnName: 'a', Value: null } },
            },
            TABLE,
        );
        expect(statuses(report)).toEqual({
            'A-C-001-M': 'passed 0',
            'A-C-002-C': 'passed 0',
            'A-C-003-O': 'failed 2',
            'A-C-004-M': 'passed 0', // row 2 has a null but is Tax, outside the inherited condition
            'Root-D-000-M': 'passed 0',
        });
    });

    test('a MUST failure fails its ancestors; Dynamic, MAY and criteria-gated rules are skipped', async () => {
        const report = await run(
            {
                'Root-D-000-M': {
                    requirement: and(ref('A-C-001-M'), ref('A-C-002-M'), ref('A-C-003-O'), ref('A-C-004-C')),
                },
                'A-C-001-M': { requirement: { CheckFunction: 'CheckNotValue', ColumnName: 'a', Value: null } },
                'A-C-002-M': { requirement: {}, type: 'Dynamic' },
                'A-C-003-O': {
                    requirement: { CheckFunction: 'CheckValue', ColumnName: 'a', Value: null },
                    keyword: 'MAY',
                },
                'A-C-004-C': {
                    requirement: { CheckFunction: 'CheckValue', ColumnName: 'a', Value: 'z' },
                    criteria: ['X_SUPPORTED'],
                },
            },
            TABLE,
        );
        expect(statuses(report)).toEqual({
            'A-C-001-M': 'failed 1',
            'A-C-002-M': 'skipped 0',
            'A-C-003-O': 'skipped 0',
            'A-C-004-C': 'skipped 0',
            'Root-D-000-M': 'failed 0',
        });
        expect(messages(report)['Root-D-000-M']).toBe('Root-D-000-M. failed: A-C-001-M.');
        expect(messages(report)['A-C-002-M']).toContain('not machine-checkable');
        expect(messages(report)['A-C-004-C']).toContain('applies only when X_SUPPORTED are enabled');
    });

    test('CheckDistinctCount counts the rows of keys with the wrong number of values', async () => {
        const report = await run(
            {
                'Root-D-000-M': { requirement: and(ref('B-C-001-M')) },
                'B-C-001-M': {
                    requirement: {
                        CheckFunction: 'CheckDistinctCount',
                        ColumnAName: 'a',
                        ColumnBName: 'b',
                        ExpectedCount: 1,
                    },
                },
            },
            TABLE,
        );
        const distinct = report.rules.find((rule) => rule.id === 'B-C-001-M');
        expect(distinct).toMatchObject({ status: 'failed', rows: 2 });
        expect(distinct?.samples).toEqual([
            { a: 'y', b: 'q' },
            { a: 'y', b: 'r' },
        ]);
    });

    test('failed dependencies, malformed conditions and failing predicates skip only their own rule', async () => {
        const report = await run(
            {
                'Root-D-000-M': {
                    requirement: and(
                        ref('A-C-001-M'),
                        ref('A-C-002-M'),
                        ref('A-C-003-M'),
                        ref('A-C-004-M'),
                        ref('A-C-005-M'),
                    ),
                },
                'A-C-001-M': { requirement: { CheckFunction: 'ColumnPresent', ColumnName: 'missing' } },
                'A-C-002-M': {
                    requirement: { CheckFunction: 'CheckNotValue', ColumnName: 'a', Value: 'x' },
                    dependencies: ['A-C-001-M'],
                },
                'A-C-003-M': {
                    requirement: { CheckFunction: 'CheckValue', ColumnName: 'a', Value: 'x' },
                    condition: { AND: { CheckFunction: 'CheckValue', ColumnName: 'kind', Value: 'Tax' } },
                },
                'A-C-004-M': { requirement: { CheckFunction: 'CheckNotValue', ColumnName: 'boom', Value: null } },
                'A-C-005-M': { requirement: { CheckFunction: 'CheckNotValue', ColumnName: 'kind', Value: 'Tax' } },
            },
            `select *, case when id = 2 then error('bad value') else 'ok' end as boom from (${TABLE})`,
        );
        expect(statuses(report)).toMatchObject({
            'A-C-001-M': 'failed 4',
            'A-C-002-M': 'skipped 0',
            'A-C-003-M': 'skipped 0',
            'A-C-004-M': 'skipped 0',
            'A-C-005-M': 'failed 1',
        });
        expect(messages(report)['A-C-002-M']).toContain('dependency A-C-001-M failed');
        expect(messages(report)['A-C-003-M']).toContain('malformed check');
        expect(messages(report)['A-C-004-M']).toContain('could not be evaluated: ');
        expect(messages(report)['A-C-004-M']).toContain('bad value');
    });
});

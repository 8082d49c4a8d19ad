import { checkPredicate, PredicateContext } from './checkPredicate';
import type { CheckNode } from './focusModel';
import type { PlannedRule } from './planRules';
import { RuleNotEvaluable } from './ruleNotEvaluable';

/** How a rule is decided: from its children, from the schema, by one aggregate term, or by a grouped query. */
export type CompiledRule =
    | { kind: 'composite' }
    | { kind: 'presence'; column: string; present: boolean }
    | { kind: 'rows'; violation: string; columns: string[] }
    | { kind: 'distinct'; key: string; value: string; expected: number; filter: string; columns: string[] }
    | { kind: 'notEvaluable'; reason: string };

/** Turns a planned rule into SQL fragments against a relation with the context's columns. */
export function compileRule(planned: PlannedRule, context: PredicateContext): CompiledRule {
    const requirement = planned.rule.ValidationCriteria.Requirement;
    if (isComposite(requirement)) return { kind: 'composite' };
    try {
        if (requirement.CheckFunction === 'ColumnPresent') {
            const column = String(requirement.ColumnName);
            return { kind: 'presence', column, present: context.columns.has(column) };
        }
        const filter = planned.conditions.map((condition) => checkPredicate(condition, context)).join(' and ');
        const columns = [...new Set([requirement, ...planned.conditions].flatMap(columnNames))];
        if (requirement.CheckFunction === 'CheckDistinctCount') {
            const [key, value] = [requirement.ColumnAName, requirement.ColumnBName];
            if (key === undefined || value === undefined || requirement.ExpectedCount === undefined) {
                throw new RuleNotEvaluable('CheckDistinctCount needs ColumnAName, ColumnBName and ExpectedCount');
            }
            for (const name of [key, value]) {
                if (!context.columns.has(name)) throw new RuleNotEvaluable(`column ${name} is not present`);
            }
            return {
                kind: 'distinct',
                key,
                value,
                expected: requirement.ExpectedCount,
                filter: filter || 'true',
                columns,
            };
        }
        const holds = checkPredicate(requirement, context);
        return { kind: 'rows', violation: `${filter ? `${filter} and ` : ''}not ${holds}`, columns };
    } catch (error) {
        if (error instanceof RuleNotEvaluable) return { kind: 'notEvaluable', reason: error.message };
        throw error;
    }
}

function isComposite(node: CheckNode): boolean {
    if (node.CheckFunction === 'CheckModelRule') return true;
    if (node.CheckFunction !== 'AND' && node.CheckFunction !== 'OR') return false;
    return (node.Items ?? []).length > 0 && (node.Items ?? []).every(isComposite);
}

function columnNames(node: CheckNode): string[] {
    const own = [node.ColumnName, node.ColumnAName, node.ColumnBName, node.ResultColumnName];
    return [...own.filter((name): name is string => name !== undefined), ...(node.Items ?? []).flatMap(columnNames)];
}

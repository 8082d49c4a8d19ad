import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import { InputError } from '../../errors';
import { azureCriteria } from './azureCriteria';
import { CompiledRule, compileRule } from './compileRule';
import { countViolations } from './countViolations';
import { countDistinctViolations } from './distinctViolations';
import { FocusModel, loadFocusModel } from './focusModel';
import { planRules } from './planRules';
import { ruleGlob } from './ruleGlob';
import { loadRuleOverrides, RuleOverrides } from './ruleOverrides';
import { RuleResolver } from './RuleResolver';
import { sampleViolations } from './sampleViolations';
import { SqlParams } from './sqlParams';
import type { RuleResult, ValidationReport } from './validationReport';

export interface ValidateOptions {
    /** Report only rules whose id matches (comma-separated globs); the others are still evaluated for dependencies. */
    rules?: string;
    /** Violating rows to show per failed rule (default 3). */
    sampleRows?: number;
    /** Applicability criteria to enable (default: `azureCriteria`). */
    criteria?: readonly string[];
    /** The requirements model (default: the shipped FOCUS 1.2 model). */
    model?: FocusModel;
    /** Corrections to the model (default: the shipped overrides; `noOverrides` for the model as written). */
    overrides?: RuleOverrides;
}

/**
 * Validates a DuckDB table or view against the FOCUS requirements model: every Static rule is interpreted from the
 * model, row-level checks are counted in a single scan, and each rule gets passed, failed, skipped or overridden.
 */
export async function validateFocus(
    connection: DuckDBConnection,
    relationName: string,
    options: ValidateOptions = {},
): Promise<ValidationReport> {
    const model = options.model ?? loadFocusModel();
    const overrides = options.overrides ?? loadRuleOverrides();
    const criteria = new Set(options.criteria ?? azureCriteria);
    const unknown = [...criteria].filter((name) => !model.criteria.includes(name));
    if (unknown.length > 0) {
        throw new InputError('UsageError', `Unknown applicability criteria: ${unknown.join(', ')}.`);
    }
    const described = await connection.runAndReadAll(`describe select * from ${quotedIdentifier(relationName)}`);
    const columns = new Map(
        described.getRowObjectsJson().map((row) => [row.column_name as string, row.column_type as string]),
    );
    const params = new SqlParams();
    const context = {
        columns,
        params,
        settings: overrides.settings,
        virtualCurrency: criteria.has('VIRTUAL_CURRENCY_SUPPORTED'),
    };
    const plan = planRules(model, overrides);
    const compiled = new Map<string, CompiledRule>(
        [...plan].map(([id, planned]) => [id, compileRule(planned, context)]),
    );
    const beforeQueries = new RuleResolver(plan, { compiled, counts: new Map(), rowCount: 0, criteria });
    const live = [...compiled].filter(([id]) => !beforeQueries.staticGate(id));
    const violations = new Map(live.flatMap(([id, rule]) => (rule.kind === 'rows' ? [[id, rule.violation]] : [])));
    const { rowCount, counts } = await countViolations(connection, relationName, violations, params);
    for (const [id, rule] of live) {
        if (rule.kind !== 'distinct') continue;
        counts.set(id, await countDistinctViolations(connection, relationName, rule, params));
    }
    const resolver = new RuleResolver(plan, { compiled, counts, rowCount, criteria });
    const wanted = options.rules === undefined ? () => true : ruleGlob(options.rules);
    const results: RuleResult[] = [];
    for (const [id, planned] of plan) {
        if (!wanted(id)) continue;
        const verdict = resolver.verdict(id);
        const rule = compiled.get(id) as CompiledRule;
        const sampled = verdict.status === 'failed' ? (options.sampleRows ?? 3) : 0;
        const { Requirement, MustSatisfy, Keyword } = planned.rule.ValidationCriteria;
        results.push({
            id,
            column:
                planned.rule.EntityType === 'Dataset'
                    ? (Requirement.ColumnName ?? planned.rule.Reference)
                    : planned.rule.Reference,
            keyword: Keyword,
            composite: rule.kind === 'composite',
            ...verdict,
            message: verdict.status === 'overridden' ? verdict.message : `${MustSatisfy} ${verdict.message}.`,
            samples: await sampleViolations(connection, relationName, rule, params, sampled),
            ...(planned.override === undefined ? {} : { override: planned.override }),
        });
    }
    results.sort((a, b) => a.id.localeCompare(b.id));
    return {
        focusVersion: model.focusVersion,
        relation: relationName,
        rowCount,
        criteria: [...criteria].sort(),
        rules: results,
    };
}

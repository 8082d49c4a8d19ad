import { CheckNode, childRuleIds, FocusModel, ModelRule } from './focusModel';
import type { RuleOverrides } from './ruleOverrides';

/** A model rule placed in the rule tree, with its overrides applied. */
export interface PlannedRule {
    id: string;
    rule: ModelRule;
    /** The composite that first refers to this rule; its gates and conditions apply here too. */
    parent?: string;
    /** Rules the Requirement refers to through CheckModelRule. */
    children: string[];
    /** Row filters: the ancestors' conditions, then the rule's own. Empty = all rows. */
    conditions: CheckNode[];
    /** Why the hub departs from the model for this rule, if it does. */
    override?: string;
    /** The override says not to evaluate the rule. */
    skipped: boolean;
}

/** Walks the model from its roots, applying overrides and handing each rule its ancestors' conditions. */
export function planRules(model: FocusModel, overrides: RuleOverrides): Map<string, PlannedRule> {
    const plan = new Map<string, PlannedRule>();
    const visit = (id: string, parent: PlannedRule | undefined): void => {
        const original = model.rules.get(id);
        if (original === undefined || plan.has(id)) return;
        const ruleOverride = overrides.rules.get(id);
        const criteria = original.ValidationCriteria;
        const rule: ModelRule = {
            ...original,
            ValidationCriteria: {
                ...criteria,
                Requirement: ruleOverride?.Requirement ?? criteria.Requirement,
                Condition: ruleOverride?.Condition ?? criteria.Condition,
            },
        };
        const requirement = rule.ValidationCriteria.Requirement;
        const condition = rule.ValidationCriteria.Condition;
        const reasons = [
            ruleOverride?.Reason,
            ...functionNames(requirement).map((name) => overrides.functionReasons.get(name)),
        ].filter((reason): reason is string => reason !== undefined);
        const planned: PlannedRule = {
            id,
            rule,
            parent: parent?.id,
            children: childRuleIds(requirement),
            conditions: [...(parent?.conditions ?? []), ...(isEmptyNode(condition) ? [] : [condition])],
            override: reasons.length > 0 ? [...new Set(reasons)].join(' ') : undefined,
            skipped: ruleOverride?.Skip === true,
        };
        plan.set(id, planned);
        for (const child of planned.children) visit(child, planned);
    };
    for (const root of model.roots) visit(root, undefined);
    return plan;
}

/** `{}`: no check, i.e. every row. */
export function isEmptyNode(node: CheckNode): boolean {
    return Object.keys(node).length === 0;
}

function functionNames(node: CheckNode): string[] {
    return [
        ...(node.CheckFunction === undefined ? [] : [node.CheckFunction]),
        ...(node.Items ?? []).flatMap(functionNames),
    ];
}

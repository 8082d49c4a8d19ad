import type { CompiledRule } from './compileRule';
import type { CheckNode } from './focusModel';
import type { PlannedRule } from './planRules';
import { isMandatory, RuleResult, RuleStatus } from './validationReport';

type Verdict = Pick<RuleResult, 'status' | 'rows' | 'message'>;
type Tri = 'pass' | 'fail' | 'unknown';

/** What the queries found, for the resolver to turn into statuses. */
export interface Findings {
    compiled: ReadonlyMap<string, CompiledRule>;
    counts: ReadonlyMap<string, number | { error: string }>;
    rowCount: number;
    criteria: ReadonlySet<string>;
}

/**
 * Decides each rule's status: gates first (override, Dynamic, MAY, applicability, parent, failed dependency), then the
 * rule's own finding; a composite passes or fails with its children, where only MUST-level failures make it fail.
 * A rule listing several applicability criteria applies when all of them are enabled, as the rule texts say ("supports
 * X and publishes Y"); the reference validator reads the list as "any".
 */
export class RuleResolver {
    private readonly gates = new Map<string, Verdict | null>();
    private readonly verdicts = new Map<string, Verdict>();
    private readonly inProgress = new Set<string>();

    constructor(
        private readonly plan: ReadonlyMap<string, PlannedRule>,
        private readonly findings: Findings,
    ) {}

    /** Why a rule is not evaluated whatever the data holds (override, Dynamic, MAY, criteria, likewise its parent). */
    staticGate(id: string): Verdict | undefined {
        const planned = this.planned(id);
        const { rule } = planned;
        if (planned.skipped) return { status: 'overridden', rows: 0, message: planned.override ?? '' };
        if (rule.Type === 'Dynamic') return skipped('not machine-checkable (Dynamic rule)');
        if (rule.ValidationCriteria.Keyword === 'MAY') return skipped('optional (MAY): not checked');
        const criteria = rule.ApplicabilityCriteria;
        const missing = criteria.filter((name) => !this.findings.criteria.has(name));
        if (missing.length > 0) return skipped(`applies only when ${criteria.join(' and ')} are enabled`);
        if (planned.parent !== undefined && this.staticGate(planned.parent)) {
            return skipped(`parent ${planned.parent} is not evaluated`);
        }
        return undefined;
    }

    /** The rule's status, violating rows and message. */
    verdict(id: string): Verdict {
        const known = this.verdicts.get(id);
        if (known) return known;
        this.inProgress.add(id);
        const verdict = this.gate(id) ?? this.evaluate(id);
        this.inProgress.delete(id);
        this.verdicts.set(id, verdict);
        return verdict;
    }

    private gate(id: string): Verdict | undefined {
        if (this.gates.has(id)) return this.gates.get(id) ?? undefined;
        const planned = this.planned(id);
        let gate = this.staticGate(id);
        if (!gate && planned.parent !== undefined && this.gate(planned.parent)) {
            gate = skipped(`parent ${planned.parent} is not evaluated`);
        }
        for (const dependency of planned.rule.ValidationCriteria.Dependencies) {
            if (gate || planned.children.includes(dependency) || this.inProgress.has(dependency)) continue;
            if (this.plan.has(dependency) && this.verdict(dependency).status === 'failed') {
                gate = skipped(`dependency ${dependency} failed`);
            }
        }
        this.gates.set(id, gate ?? null);
        return gate;
    }

    private evaluate(id: string): Verdict {
        const compiled = this.findings.compiled.get(id);
        const { rowCount } = this.findings;
        switch (compiled?.kind) {
            case 'composite':
                return this.composite(id);
            case 'presence':
                return compiled.present
                    ? verdict('passed', 0, 'column is present')
                    : verdict('failed', rowCount, `column ${compiled.column} is missing`);
            case 'rows':
            case 'distinct': {
                const count = this.findings.counts.get(id);
                if (count === undefined) return skipped('not evaluated');
                if (typeof count !== 'number') return skipped(`could not be evaluated: ${count.error}`);
                return count === 0
                    ? verdict('passed', 0, `all ${rowCount} rows comply`)
                    : verdict('failed', count, `${count} of ${rowCount} rows violate it`);
            }
            case 'notEvaluable':
                return skipped(compiled.reason);
            default:
                return skipped('not evaluated');
        }
    }

    private composite(id: string): Verdict {
        const planned = this.planned(id);
        const failing = planned.children.filter((child) => this.tri(child) === 'fail');
        const result = this.combine(planned.rule.ValidationCriteria.Requirement);
        if (result === 'pass') return verdict('passed', 0, 'all checkable requirements hold');
        if (result === 'fail') return verdict('failed', 0, `failed: ${failing.join(', ')}`);
        return skipped('none of its requirements could be checked');
    }

    private combine(node: CheckNode): Tri {
        if (node.CheckFunction === 'CheckModelRule') return this.tri(String(node.ModelRuleId));
        const items = (node.Items ?? []).map((item) => this.combine(item));
        const [decisive, other]: [Tri, Tri] = node.CheckFunction === 'OR' ? ['pass', 'fail'] : ['fail', 'pass'];
        if (items.includes(decisive)) return decisive;
        return items.includes(other) ? other : 'unknown';
    }

    private tri(id: string): Tri {
        if (!this.plan.has(id) || this.inProgress.has(id)) return 'unknown';
        const { status } = this.verdict(id);
        if (status === 'passed') return 'pass';
        if (status === 'failed' && isMandatory(this.planned(id).rule.ValidationCriteria.Keyword)) return 'fail';
        return 'unknown';
    }

    private planned(id: string): PlannedRule {
        const planned = this.plan.get(id);
        if (!planned) throw new Error(`Rule ${id} is not in the model`);
        return planned;
    }
}

function verdict(status: RuleStatus, rows: number, message: string): Verdict {
    return { status, rows, message };
}

function skipped(message: string): Verdict {
    return verdict('skipped', 0, message);
}

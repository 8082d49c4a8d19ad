/** Outcome of one rule: `overridden` = not evaluated because the hub's overrides say the model is wrong there. */
export type RuleStatus = 'passed' | 'failed' | 'skipped' | 'overridden';

export interface RuleResult {
    id: string;
    /** The column or attribute the rule is about (for dataset presence rules, the column that must be present). */
    column: string;
    /** MUST, MUST NOT, SHOULD, SHOULD NOT, RECOMMENDED, MAY. */
    keyword: string;
    /** True for rules that only combine other rules; the summary counts the rules that check data. */
    composite: boolean;
    status: RuleStatus;
    /** Rows violating the rule (0 unless failed; for column-level failures, the rows of the relation). */
    rows: number;
    /** Up to `sampleRows` violating rows, with the columns the rule reads. */
    samples: Record<string, unknown>[];
    /** The requirement's text, followed by what was found or why the rule was not evaluated. */
    message: string;
    /** Why the hub departs from the model for this rule. */
    override?: string;
}

export interface ValidationReport {
    focusVersion: string;
    relation: string;
    rowCount: number;
    /** Applicability criteria that were enabled. */
    criteria: string[];
    rules: RuleResult[];
}

/** MUST and MUST NOT rules decide conformance; SHOULD, RECOMMENDED and MAY do not. */
export function isMandatory(keyword: string): boolean {
    return keyword === 'MUST' || keyword === 'MUST NOT';
}

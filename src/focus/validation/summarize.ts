import { sourceGaps } from './sourceGaps';
import { isMandatory, ValidationReport } from './validationReport';

export interface FailedRule {
    id: string;
    column: string;
    keyword: string;
    rows: number;
    message: string;
    /** Why the export, not the conversion, fails this rule (data/focus-source-gaps.json); absent otherwise. */
    sourceGap?: string;
}

/** Counts over the rules that check data (composites only combine them); `failed` lists each failing rule. */
export interface ValidationSummary {
    rules: number;
    passed: number;
    skipped: number;
    overridden: number;
    failed: FailedRule[];
}

/** The report's summary, as `finops-hub validate --json` prints it; failures of source-gap rules say so. */
export function summarize(report: ValidationReport): ValidationSummary {
    const checks = report.rules.filter((rule) => !rule.composite);
    const count = (status: string): number => checks.filter((rule) => rule.status === status).length;
    const gaps = sourceGaps();
    return {
        rules: checks.length,
        passed: count('passed'),
        skipped: count('skipped'),
        overridden: count('overridden'),
        failed: checks
            .filter((rule) => rule.status === 'failed')
            .map(({ id, column, keyword, rows, message }) => {
                const gap = isMandatory(keyword) ? gaps.get(id) : undefined;
                return { id, column, keyword, rows, message, ...(gap ? { sourceGap: gap } : {}) };
            }),
    };
}

/** MUST-level failures the conversion could have prevented (not source gaps): the run's warnings. */
export function hubFailures(failed: readonly FailedRule[]): FailedRule[] {
    return failed.filter((rule) => isMandatory(rule.keyword) && rule.sourceGap === undefined);
}

/** MUST-level failures that are source gaps. */
export function sourceGapFailures(failed: readonly FailedRule[]): FailedRule[] {
    return failed.filter((rule) => isMandatory(rule.keyword) && rule.sourceGap !== undefined);
}

/** True when no MUST or MUST NOT rule failed: the data conforms as far as it can be checked. */
export function conforms(report: ValidationReport): boolean {
    return !report.rules.some((rule) => rule.status === 'failed' && isMandatory(rule.keyword));
}

import { isMandatory, ValidationReport } from './validationReport';

export interface FailedRule {
    id: string;
    column: string;
    keyword: string;
    rows: number;
    message: string;
}

/** Counts over the rules that check data (composites only combine them); `failed` lists each failing rule. */
export interface ValidationSummary {
    rules: number;
    passed: number;
    skipped: number;
    overridden: number;
    failed: FailedRule[];
}

/** The report's summary, as `finops-hub validate --json` prints it. */
export function summarize(report: ValidationReport): ValidationSummary {
    const checks = report.rules.filter((rule) => !rule.composite);
    const count = (status: string): number => checks.filter((rule) => rule.status === status).length;
    return {
        rules: checks.length,
        passed: count('passed'),
        skipped: count('skipped'),
        overridden: count('overridden'),
        failed: checks
            .filter((rule) => rule.status === 'failed')
            .map(({ id, column, keyword, rows, message }) => ({ id, column, keyword, rows, message })),
    };
}

/** True when no MUST or MUST NOT rule failed: the data conforms as far as it can be checked. */
export function conforms(report: ValidationReport): boolean {
    return !report.rules.some((rule) => rule.status === 'failed' && isMandatory(rule.keyword));
}

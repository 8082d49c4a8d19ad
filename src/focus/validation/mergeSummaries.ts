import { FailedRule, ValidationSummary } from './summarize';

/** A validation summary of (a sample of) one part's rows, as the pipeline stores it. */
export interface PartValidation extends ValidationSummary {
    rowsChecked: number;
}

/**
 * Combines per-part validation summaries into the run's: a rule failed if it failed in any part, with its violating
 * rows added up. Parts of a run share one schema, so which rules apply (and are skipped) is taken from the first.
 * Dataset-level rules (distinct counts) are checked within each part, not across parts.
 */
export function mergeSummaries(parts: PartValidation[]): PartValidation | undefined {
    const [first] = parts;
    if (!first) return undefined;
    const failed = new Map<string, FailedRule>();
    for (const rule of parts.flatMap((part) => part.failed)) {
        const seen = failed.get(rule.id);
        failed.set(rule.id, seen ? { ...seen, rows: seen.rows + rule.rows } : { ...rule });
    }
    const failures = [...failed.values()].sort((a, b) => a.id.localeCompare(b.id));
    const { rules, skipped, overridden } = first;
    return {
        rowsChecked: parts.reduce((sum, part) => sum + part.rowsChecked, 0),
        rules,
        passed: Math.max(0, rules - skipped - overridden - failures.length),
        skipped,
        overridden,
        failed: failures,
    };
}

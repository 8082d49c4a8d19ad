import { sourceGaps } from './sourceGaps';
import { conforms, hubFailures, sourceGapFailures, summarize } from './summarize';
import { isMandatory, ValidationReport } from './validationReport';

/**
 * The report as a readable table: one line per rule that checks data (id, keyword, status, violating rows, what was
 * found or why it was not evaluated), sample rows under each failure, then the summary.
 */
export function formatValidation(report: ValidationReport): string {
    const checks = report.rules.filter((rule) => !rule.composite);
    const width = Math.max(4, ...checks.map((rule) => rule.id.length));
    const lines = [`${'RULE'.padEnd(width)}  KEYWORD      STATUS      ROWS  DETAIL`];
    const gaps = sourceGaps();
    for (const rule of checks) {
        const detail = rule.status === 'passed' ? '' : rule.message;
        const gap = rule.status === 'failed' && isMandatory(rule.keyword) ? gaps.get(rule.id) : undefined;
        const note =
            (rule.override && rule.status !== 'overridden' ? ` [override: ${rule.override}]` : '') +
            (gap ? ` [source gap: ${gap}]` : '');
        lines.push(
            `${rule.id.padEnd(width)}  ${rule.keyword.padEnd(11)}  ${rule.status.padEnd(10)}  ` +
                `${String(rule.rows).padStart(4)}  ${detail}${note}`.trimEnd(),
        );
        for (const sample of rule.samples) lines.push(`${' '.repeat(width)}  sample: ${JSON.stringify(sample)}`);
    }
    const summary = summarize(report);
    const mandatory = summary.failed.filter((rule) => isMandatory(rule.keyword)).length;
    const gapCount = sourceGapFailures(summary.failed).length;
    const ofWhich = gapCount > 0 ? `, ${gapCount} of them source gaps of Cost Management exports` : '';
    lines.push(
        '',
        `FOCUS ${report.focusVersion} validation of ${report.rowCount} rows: ${summary.rules} rules, ` +
            `${summary.passed} passed, ${summary.failed.length} failed (${mandatory} MUST-level${ofWhich}), ` +
            `${summary.skipped} skipped, ${summary.overridden} overridden.`,
        conforms(report)
            ? 'No MUST-level rule failed.'
            : hubFailures(summary.failed).length === 0
              ? 'MUST-level rules failed, all of them source gaps: the data does not conform, for want of values the export lacks.'
              : 'MUST-level rules failed: the data does not conform.',
    );
    return `${lines.join('\n')}\n`;
}

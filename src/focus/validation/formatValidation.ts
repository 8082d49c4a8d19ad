import { conforms, summarize } from './summarize';
import { isMandatory, ValidationReport } from './validationReport';

/**
 * The report as a readable table: one line per rule that checks data (id, keyword, status, violating rows, what was
 * found or why it was not evaluated), sample rows under each failure, then the summary.
 */
export function formatValidation(report: ValidationReport): string {
    const checks = report.rules.filter((rule) => !rule.composite);
    const width = Math.max(4, ...checks.map((rule) => rule.id.length));
    const lines = [`${'RULE'.padEnd(width)}  KEYWORD      STATUS      ROWS  DETAIL`];
    for (const rule of checks) {
        const detail = rule.status === 'passed' ? '' : rule.message;
        const note = rule.override && rule.status !== 'overridden' ? ` [override: ${rule.override}]` : '';
        lines.push(
            `${rule.id.padEnd(width)}  ${rule.keyword.padEnd(11)}  ${rule.status.padEnd(10)}  ` +
                `${String(rule.rows).padStart(4)}  ${detail}${note}`.trimEnd(),
        );
        for (const sample of rule.samples) lines.push(`${' '.repeat(width)}  sample: ${JSON.stringify(sample)}`);
    }
    const summary = summarize(report);
    const mandatory = summary.failed.filter((rule) => isMandatory(rule.keyword)).length;
    lines.push(
        '',
        `FOCUS ${report.focusVersion} validation of ${report.rowCount} rows: ${summary.rules} rules, ` +
            `${summary.passed} passed, ${summary.failed.length} failed (${mandatory} MUST-level), ` +
            `${summary.skipped} skipped, ${summary.overridden} overridden.`,
        conforms(report) ? 'No MUST-level rule failed.' : 'MUST-level rules failed: the data does not conform.',
    );
    return `${lines.join('\n')}\n`;
}

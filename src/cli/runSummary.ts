import type { CurrencyTotals } from '../focus/totals';
import { hubFailures, isMandatory, sourceGapFailures } from '../focus/validation';
import { PartValidation } from '../focus/validation/mergeSummaries';
import { ProcessedRun } from '../pipeline/processExports';

/** Totals of the dataset's reconciled columns appear under the column's name in camelCase (`billedCost`). */
type Sums = Partial<Record<string, string>>;

/** Figures of one currency (or rule and currency) as the CLI reports them: currency, rows, code, camelCase sums. */
type CurrencyFigures = Record<string, string | number | null | undefined>;

/**
 * One run as the CLI reports it (`--json` and the table). Money is never added across currencies: a run in one
 * currency has its sums and `currency`; a run in several has `byCurrency` instead. `changes` lists what documented
 * rules moved (docs/reconciliation.md).
 */
export function runSummary({ manifest, run }: ProcessedRun) {
    const validation = (JSON.parse(run.details ?? '{}') as { validation?: PartValidation }).validation;
    const sums: Sums = camelSums(run.totals?.sums ?? {});
    const currencies = run.totals?.byCurrency ?? [];
    const [only] = currencies;
    const money = {
        ...(currencies.length === 1 && only?.currency ? { currency: only.currency } : {}),
        ...(currencies.length > 1 ? { byCurrency: currencies.map(figures) } : {}),
        ...(run.totals?.changes?.length ? { changes: run.totals.changes.map(figures) } : {}),
    } as { currency?: string; byCurrency?: CurrencyFigures[]; changes?: CurrencyFigures[] };
    const identity = {
        manifest,
        ...(run.runId.startsWith('unreadable-') ? {} : { runId: run.runId }),
        dataset: run.dataset,
        scope: run.scope,
        month: run.month,
        status: run.status,
        rows: run.totals?.rows ?? 0,
    };
    const outcome = {
        ...(run.errorCode ? { errorCode: run.errorCode } : {}),
        ...(run.error ? { error: run.error } : {}),
        ...(run.warnings?.length ? { warnings: run.warnings } : {}),
        ...(validation ? { validation: validationSummary(validation) } : {}),
    };
    return { ...identity, ...sums, ...money, ...outcome } as typeof identity & Sums & typeof money & typeof outcome;
}

const lowerFirst = (name: string) => `${name.charAt(0).toLowerCase()}${name.slice(1)}`;

const camelSums = (sums: Record<string, string>): Sums =>
    Object.fromEntries(Object.entries(sums).map(([column, sum]) => [lowerFirst(column), sum]));

const figures = ({ sums, ...rest }: CurrencyTotals & { code?: string }): CurrencyFigures => ({
    ...rest,
    ...camelSums(sums),
});

/** The billed cost column: the amount with its currency, each currency's when there are several. */
function billedCost(run: ReturnType<typeof runSummary>): string {
    const amount = (sum: string | undefined, currency: string | null | undefined) =>
        typeof sum === 'string' ? `${Number(sum).toFixed(2)}${currency ? ` ${currency}` : ''}` : '-';
    if (run.byCurrency) {
        return run.byCurrency.map((c) => amount(c.billedCost as string | undefined, c.currency as string)).join(', ');
    }
    return amount(run.billedCost, run.currency);
}

/** `mustFailed`: MUST rules failed that the hub could have prevented; `sourceGaps`: those the export cannot meet. */
function validationSummary(validation: PartValidation) {
    const { rowsChecked, rules, passed, skipped, overridden, failed } = validation;
    return {
        rowsChecked,
        rules,
        passed,
        skipped,
        overridden,
        failed: failed.length,
        mustFailed: hubFailures(failed).map((rule) => rule.id),
        sourceGaps: sourceGapFailures(failed).map((rule) => rule.id),
        otherFailed: failed.filter((rule) => !isMandatory(rule.keyword)).map((rule) => rule.id),
    };
}

/** A fixed-width table of runs for people. */
export function formatRunTable(runs: ReturnType<typeof runSummary>[]): string {
    const header = [
        'status',
        'dataset',
        'month',
        'rows',
        'billed cost',
        'scope',
        'code',
        'warnings',
        'FOCUS 1.2 rules',
    ];
    const lines = runs.map((r) => [
        r.status,
        r.dataset,
        r.month || '-',
        String(r.rows),
        billedCost(r),
        r.scope || r.manifest,
        r.errorCode ?? '',
        r.warnings ? String(r.warnings.length) : '',
        r.validation
            ? `${r.validation.passed} passed, ${r.validation.failed} failed ` +
              `(${r.validation.mustFailed.length} MUST, ${r.validation.sourceGaps.length} source gaps)`
            : '',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const row = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd();
    const listed = (label: string, ids: string[]) =>
        ids.length ? `${label}: ${[...new Set(ids)].sort().join(', ')}\n` : '';
    const footer =
        listed(
            'Warnings (MUST-level FOCUS rules the hub should have met)',
            runs.flatMap((r) => r.validation?.mustFailed ?? r.warnings ?? []),
        ) +
        listed(
            'Source gaps (MUST-level rules the exports cannot meet)',
            runs.flatMap((r) => r.validation?.sourceGaps ?? []),
        );
    return [row(header), ...lines.map(row)].join('\n') + '\n' + (footer ? `\n${footer}` : '');
}

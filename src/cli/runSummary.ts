import { ProcessedRun } from '../pipeline/processExports';

/** One run as the CLI reports it (`--json` and the table). */
export function runSummary({ manifest, run }: ProcessedRun) {
    return {
        manifest,
        ...(run.runId.startsWith('unreadable-') ? {} : { runId: run.runId }),
        dataset: run.dataset,
        scope: run.scope,
        month: run.month,
        status: run.status,
        rows: run.totals?.rows ?? 0,
        ...(run.totals ? { billedCost: run.totals.billedCost, effectiveCost: run.totals.effectiveCost } : {}),
        ...(run.errorCode ? { errorCode: run.errorCode } : {}),
        ...(run.error ? { error: run.error } : {}),
    };
}

/** A fixed-width table of runs for people. */
export function formatRunTable(runs: ReturnType<typeof runSummary>[]): string {
    const header = ['status', 'month', 'rows', 'billed cost', 'scope', 'code'];
    const lines = runs.map((r) => [
        r.status,
        r.month || '-',
        String(r.rows),
        r.billedCost ? Number(r.billedCost).toFixed(2) : '-',
        r.scope || r.manifest,
        r.errorCode ?? '',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const row = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd();
    return [row(header), ...lines.map(row)].join('\n') + '\n';
}

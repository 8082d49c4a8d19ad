import type { Agreement } from '../../src/focus/datasets/legacyCosts/legacyExportColumns';
import { decimalSum } from '../../src/focus/decimalSum';
import { legacyMonth, type LegacyRow } from '../../src/sample/legacy/legacyCharges';
import { type HeaderStyle, writeLegacyExport } from '../../src/sample/legacy/writeLegacyExport';

export interface LegacyRunSpec {
    type: 'ActualCost' | 'AmortizedCost';
    agreement: Agreement;
    dataVersion: string;
    /** Scope id as the export's resourceId starts, e.g. `/providers/Microsoft.Billing/billingAccounts/1`. */
    scope: string;
    month: string;
    runId: string;
    submittedTime: string;
    headerStyle?: HeaderStyle;
    days?: number;
    parts?: number;
    /** Adds a Foundry Models token meter to every day. */
    ai?: boolean;
}

/** A generated legacy export run: its manifest and the exact Σ Cost of the rows written. */
export interface WrittenLegacyRun {
    manifestName: string;
    rows: LegacyRow[];
    cost: string;
}

/** Writes one ActualCost or AmortizedCost run of a generated month into `root` (the msexports container). */
export function writeLegacyRun(root: string, spec: LegacyRunSpec): WrittenLegacyRun {
    const month = legacyMonth({
        month: spec.month,
        agreement: spec.agreement,
        days: spec.days ?? 1,
        billingAccountId: spec.scope.split('/').pop() ?? '1',
        subscriptionId: '6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
        ai: spec.ai ?? false,
        dateStyle: spec.agreement === 'EA' ? 'us' : 'iso',
    });
    const written = writeLegacyExport(root, {
        exportName: `${spec.agreement.toLowerCase()}-${spec.type === 'ActualCost' ? 'actual' : 'amortized'}`,
        type: spec.type,
        dataVersion: spec.dataVersion,
        agreement: spec.agreement,
        scope: spec.scope,
        month: spec.month,
        runId: spec.runId,
        submittedTime: spec.submittedTime,
        rows: spec.type === 'ActualCost' ? month.actual : month.amortized,
        parts: spec.parts ?? 1,
        headerStyle: spec.headerStyle ?? 'documented',
    });
    return { ...written, cost: decimalSum(written.rows.map((row) => row.Cost ?? '0')) };
}

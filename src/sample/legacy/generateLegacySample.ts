import { decimalSum } from '../../focus/decimalSum';
import type { Totals } from '../../focus/totals';
import { legacyMonth, type LegacyRow } from './legacyCharges';
import { type LegacyExportSpec, writeLegacyExport } from './writeLegacyExport';

/** A scope and month of the legacy sample, with what its published Costs folder must hold. */
export interface LegacySampleMonth {
    scope: string;
    month: string;
    /** Manifests of the runs written for it (actual, then amortized when there is one). */
    manifestNames: string[];
    /** Rows and exact BilledCost / EffectiveCost of the published folder. */
    published: Totals;
}

const EA_ENROLLMENT = '/providers/Microsoft.Billing/billingAccounts/7654321';
const MCA_ACCOUNT = '/providers/Microsoft.Billing/billingAccounts/5e8f9a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b:6a7b8c9d';
const SUBSCRIPTION = '6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35';

/**
 * Writes the legacy part of the bundled sample into `containerRoot`: an EA enrollment's September 2026 as actual cost
 * (landing first) and amortized cost (landing a day later), which the hub composes into one Costs folder; and an MCA
 * billing account's October 2026 as actual cost only (commitment rows flagged not amortized). Returns what the
 * published folders must hold.
 */
export function generateLegacySample(containerRoot: string): LegacySampleMonth[] {
    const ea = legacyMonth({
        month: '2026-09',
        agreement: 'EA',
        days: 30,
        billingAccountId: '7654321',
        subscriptionId: SUBSCRIPTION,
    });
    const mca = legacyMonth({
        month: '2026-10',
        agreement: 'MCA',
        days: 28,
        billingAccountId: '5e8f9a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b:6a7b8c9d',
        subscriptionId: SUBSCRIPTION,
        dateStyle: 'iso',
    });
    const run = (spec: Omit<LegacyExportSpec, 'parts'>) => writeLegacyExport(containerRoot, { ...spec, parts: 2 });
    const eaActual = run({
        exportName: 'contoso-ea-actual',
        type: 'ActualCost',
        dataVersion: '2023-12-01-preview',
        agreement: 'EA',
        scope: EA_ENROLLMENT,
        month: '2026-09',
        runId: '41a7c3e2-5a4d-4e1f-9c3b-000000202609',
        submittedTime: '2026-10-02T03:10:00.0000000Z',
        rows: ea.actual,
        headerStyle: 'oldEaNames',
    });
    const eaAmortized = run({
        exportName: 'contoso-ea-amortized',
        type: 'AmortizedCost',
        dataVersion: '2023-12-01-preview',
        agreement: 'EA',
        scope: EA_ENROLLMENT,
        month: '2026-09',
        runId: '42b8d4f3-5a4d-4e1f-9c3b-000000202609',
        submittedTime: '2026-10-03T03:10:00.0000000Z',
        rows: ea.amortized,
    });
    const mcaActual = run({
        exportName: 'contoso-mca-actual',
        type: 'ActualCost',
        dataVersion: '2021-10-01',
        agreement: 'MCA',
        scope: MCA_ACCOUNT,
        month: '2026-10',
        runId: '43c9e5a4-5a4d-4e1f-9c3b-000000202610',
        submittedTime: '2026-11-02T03:10:00.0000000Z',
        rows: mca.actual,
    });
    const purchases = eaActual.rows.filter(buysCommitment);
    return [
        {
            scope: EA_ENROLLMENT,
            month: '2026-09',
            manifestNames: [eaActual.manifestName, eaAmortized.manifestName],
            published: {
                rows: eaAmortized.rows.length + purchases.length,
                sums: { BilledCost: costOf(eaActual.rows), EffectiveCost: costOf(eaAmortized.rows) },
            },
        },
        {
            scope: MCA_ACCOUNT,
            month: '2026-10',
            manifestNames: [mcaActual.manifestName],
            published: {
                rows: mcaActual.rows.length,
                sums: {
                    BilledCost: costOf(mcaActual.rows),
                    EffectiveCost: costOf(mcaActual.rows.filter((row) => !buysCommitment(row))),
                },
            },
        },
    ];
}

/** Commitment purchases and refunds: in actual cost only, at 0 effective cost (amortized elsewhere). */
function buysCommitment(row: LegacyRow): boolean {
    return (row.ChargeType === 'Purchase' || row.ChargeType === 'Refund') && row.PricingModel !== 'OnDemand';
}

const costOf = (rows: LegacyRow[]) => decimalSum(rows.map((row) => row.Cost ?? '0'));

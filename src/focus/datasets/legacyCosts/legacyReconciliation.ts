import type { ReconcileSpec } from '../../reconcile/reconcileSpec';
import { COST_RECONCILIATION } from '../costs/costReconciliation';

/** The header names a legacy row's cost in billing currency has gone by (current EA, old EA, the oldest; MCA camelCase). */
const LEGACY_COST_HEADERS = ['CostInBillingCurrency', 'Cost', 'PreTaxCost'];

/**
 * How a legacy Costs part reconciles: as every Costs part, with the money the legacy conversion moves
 * (docs/legacy-costs.md "How the columns are mapped"). Both costs of a legacy row start as its cost in billing
 * currency; amortized usage a commitment covers or leaves unused is billed by the commitment's purchase (BilledCost 0),
 * and commitment purchases and refunds are amortized elsewhere (EffectiveCost 0). The ledger reads that cost, and the
 * currency, from the export's own columns.
 */
export const LEGACY_RECONCILIATION: ReconcileSpec = {
    ...COST_RECONCILIATION,
    rules: [
        { code: 'ZeroedBilledCostOfCommitmentUsage', column: 'BilledCost', from: 'EffectiveCost' },
        { code: 'ZeroedEffectiveCostOfCommitmentPurchase', column: 'EffectiveCost', from: 'BilledCost' },
    ],
    ledger: {
        BillingCurrency: ['BillingCurrencyCode', 'BillingCurrency', 'Currency'],
        BilledCost: LEGACY_COST_HEADERS,
        EffectiveCost: LEGACY_COST_HEADERS,
    },
};

import type { ReconcileSpec } from '../../reconcile/reconcileSpec';

/** The Costs columns whose sums are reconciled. */
export const COST_TOTALS = ['BilledCost', 'EffectiveCost'] as const;

/**
 * How a Costs part reconciles (docs/reconciliation.md): BilledCost and EffectiveCost per billing currency, charge
 * category and class, every charge dated in the run's period except corrections of earlier periods. FocusCost rows
 * keep both costs as exported, so the ledger reads them, and the currency, from the export's own columns; `rules` are
 * the legacy conversion's.
 */
export const COST_RECONCILIATION: ReconcileSpec = {
    columns: COST_TOTALS,
    currency: 'BillingCurrency',
    categories: ['ChargeCategory', 'ChargeClass'],
    rules: [],
    chargeDate: { column: 'ChargePeriodStart', corrections: 'ChargeClass' },
    ledger: { BillingCurrency: ['BillingCurrency'], BilledCost: ['BilledCost'], EffectiveCost: ['EffectiveCost'] },
};

/** The columns a Costs part's input scan reads: the spec's currency, categories and reconciled columns. */
export const COST_INPUT_COLUMNS = ['BillingCurrency', 'ChargeCategory', 'ChargeClass', ...COST_TOTALS] as const;

/**
 * How a dataset's output is reconciled with its input, part by part (docs/reconciliation.md "Per part"): the exact sums
 * of the reconciled columns in the input, per currency and per category the conversion treats differently, equal the
 * output's once the amounts documented rules moved are taken out, and no row is dropped or added.
 */
export interface ReconcileSpec {
    /** The reconciled columns (the dataset's totals). */
    columns: readonly string[];
    /** The column naming each row's currency, in input and output; absent when the figures have none (hours). */
    currency?: string;
    /** Further columns, in input and output, whose values group the comparison (ChargeCategory, ChargeClass, …). */
    categories: readonly string[];
    /** Documented rules moving money out of a reconciled column. */
    rules: readonly MoneyRule[];
    /**
     * The output column whose day must lie in the run's period; `corrections` names the column whose value
     * `Correction` marks rows that may precede it (corrections of earlier billing periods).
     */
    chargeDate?: { column: string; corrections?: string };
    /**
     * The ledger (docs/reconciliation.md "The export's own columns"): for a reconciled column, or the currency, the
     * export's own columns holding it (header names in any case; per row the first of them holding a value), read apart
     * from the conversion. Per group, their exact sum must be the input's sum of the column, and every row's own
     * currency the currency read.
     */
    ledger?: Readonly<Record<string, readonly string[]>>;
}

/**
 * On rows flagged `code` in x_SourceChanges, `column` (equal to `from` in the input) was set to 0: `from` moved out of
 * it. A flagged row whose `column` is not 0 fails the reconciliation, so no amount can pass as moved by a flag alone.
 */
export interface MoneyRule {
    code: string;
    column: string;
    from: string;
}

/** The run's period: the first and last day (YYYY-MM-DD, both inclusive) of runInfo.startDate … endDate. */
export interface RunPeriod {
    start: string;
    end: string;
}

/** Code counting the corrections kept although dated before the run's period. */
export const CORRECTION_OUTSIDE_PERIOD = 'CorrectionOutsidePeriod';

/** Rows and exact sums of one currency and category. */
export interface Group {
    currency: string | null;
    categories: (string | null)[];
    rows: number;
    sums: Record<string, string>;
    /** The ledger's sums of the columns the spec has a ledger for (input groups only). */
    ledger?: Record<string, string>;
    /** Rows whose currency in the export's own column is not the one read, and one such currency (input groups only). */
    currencyMisread?: { rows: number; example: string | null };
}

/** A group of the output, with what the rules moved and the rows dated outside the run's period. */
export interface OutputGroup extends Group {
    /** Code → rows flagged, amount moved per column, and flagged rows whose column is not 0. */
    moved: Record<string, { rows: number; sums: Record<string, string>; notZeroed: number }>;
    /** Rows outside the period that are not corrections, and the first and last such day. */
    outside: { rows: number; first: string | null; last: string | null };
    /** Corrections dated before the period (kept). */
    correctionsBefore: number;
}

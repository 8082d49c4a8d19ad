import type { DuckDBConnection } from '@duckdb/node-api';

import type { ExportManifest } from '../manifest';
import type { PartFormat } from '../partFormat';
import type { RunPeriod } from '../reconcile/reconcileSpec';
import type { RuleChange, Totals } from '../totals';
import type { PartValidation } from '../validation/mergeSummaries';
import type { TagAliases } from './costs/tagAliases';

/** One downloaded export part, as a dataset's transform reads it. */
export interface PartInput {
    /** Local file holding the part. */
    path: string;
    format: PartFormat;
    /** The export's dataVersion, e.g. `1.0r2`. */
    dataVersion: string;
    /** Name used in messages (the part's blob name). */
    name: string;
    /** The run's scope folder (`providers/microsoft.billing/billingaccounts/<id>`), when the transform needs it. */
    scope?: string;
    /** Rows the manifest declares for the part, when it says. */
    declaredRows?: number;
    /** The run's period (runInfo.startDate … endDate), which every charge must lie in; unknown for older run records. */
    period?: RunPeriod;
}

/** Settings and lookups a transform may use. */
export interface TransformContext {
    tagAliases: TagAliases;
    /** Shape Costs for the FinOps toolkit's storage Power BI reports (HUB_POWERBI_STORAGE_REPORT). */
    storageReport: boolean;
    /**
     * For each dataset the converter `lookups`, local copies of the files published for the run's month (and scopes
     * related to the run's); an empty list when nothing is published.
     */
    lookups: Readonly<Record<string, readonly string[]>>;
}

/** The export types and dataVersions (as manifests spell them, compared case-insensitively) a dataset converts. */
export interface ExportSource {
    type: string;
    versions: readonly string[];
}

/**
 * A hub dataset: the exports it converts, how one part becomes its Parquet, what is reconciled, what is validated, and
 * the datasets derived from it. Adding a dataset is a folder under `src/focus/datasets/` plus one registry line.
 */
export interface HubDataset {
    /** Folder name under the ingestion container, as FinOps hubs name it (`Costs`, `Prices`, …). */
    name: string;
    exports: readonly ExportSource[];
    /** Columns whose exact sums are recorded per part and per run, and reconciled with the input. */
    totals: readonly string[];
    /**
     * Converts one part into the dataset's Parquet at `outPath`, reconciling it with its input
     * (docs/reconciliation.md); returns the output's totals with the input's and what documented rules changed.
     */
    transformPart(
        connection: DuckDBConnection,
        input: PartInput,
        outPath: string,
        context: TransformContext,
    ): Promise<Totals>;
    /** Checks a written part against the FOCUS rules, when the dataset is a FOCUS dataset. */
    validatePart?(
        connection: DuckDBConnection,
        parquetPath: string,
        mode: 'sample' | 'full',
        sampleRows: number,
    ): Promise<PartValidation>;
    /** Datasets computed from this one and published with it, in the same run. */
    derived: readonly DerivedDataset[];
    /** Published datasets the transform reads (e.g. Costs reads Prices to fill missing prices). */
    lookups?: readonly string[];
    /**
     * The scope folder a run of this dataset publishes into, when it is not the export's scope (Recommendations append
     * the export name, as FinOps hubs do). Must be a valid scope path; throw an InputError when it cannot be.
     */
    folderScope?(manifest: ExportManifest): string;
    /** After a run publishes, its scope's AI insights (Anomalies, Forecasts, report) are recomputed. */
    insights?: true;
    /** After a run publishes, the capacity datasets of its month (docs/capacity.md) are recomputed. */
    capacity?: true;
    /** Set when runs of two export types share the dataset's folders instead of replacing each other. */
    composition?: FolderComposition;
}

/**
 * Two export types of one scope and month publishing into one folder (legacy amortized and actual cost): a run of
 * either type alone brings all its rows; beside each other, each brings only the rows `keep` keeps (the base run file
 * by file, the supplement run in one file). Each type's newest run wins on its own; see docs/legacy-costs.md
 * "Actual and amortized together".
 */
export interface FolderComposition {
    base: string;
    supplement: string;
    /**
     * Writes the rows of `files` (the dataset's Parquet, of one run of `exportType`) that belong beside a run of the
     * other type to `outPath`; kept and left-out rows must add up to the files (`ReconciliationFailed` otherwise).
     */
    keep(
        connection: DuckDBConnection,
        exportType: string,
        files: readonly string[],
        outPath: string,
    ): Promise<KeptRows>;
    /** Whether a base file (by its recorded totals) holds rows `keep` leaves out; if not, it is copied as it is. */
    baseLeavesOut(totals: Totals): boolean;
    /** Name of that file for the supplement run `runId`. */
    supplementFileName(runId: string): string;
}

/** What `keep` wrote, and what it left out, per currency under the code of the rule that leaves it out. */
export interface KeptRows {
    kept: Totals;
    leftOut: RuleChange[];
}

/** A dataset computed from another's parts: a partial per part, merged into one file when the run publishes. */
export interface DerivedDataset {
    name: string;
    /** The money its folder manifest sums, per `currency` (the column naming each row's currency). */
    totals: readonly string[];
    currency: 'BillingCurrency';
    /** Summarises one part's Parquet (of the parent dataset) into a partial file at `outPath`. */
    partial(connection: DuckDBConnection, parentParquet: string, outPath: string): Promise<void>;
    /** Merges a run's partials into the published file at `outPath`; returns its totals. */
    merge(connection: DuckDBConnection, partials: readonly string[], outPath: string): Promise<Totals>;
    /** Name of the merged file in the dataset folder, for a run. */
    fileName(runId: string): string;
}

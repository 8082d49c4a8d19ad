import type { DuckDBConnection } from '@duckdb/node-api';

import type { ErrorCode } from '../errors';
import type { ManifestSource } from '../focus/folderManifest';
import type { RunRef } from '../focus/runRef';
import type { Totals } from '../focus/totals';

export type { MoveOptions, MoveResult, ObjectStore } from '../focus/objectStore';

/**
 * What the pipeline needs from the outside world. Entry points build adapters (blob or folder store, table or file run
 * store, storage queue, local workspace) and pass them in, so the Functions host and the CLI run one pipeline.
 */

/**
 * A run's life: `running` (planned, parts converting) → `publishing` (one worker claimed it) → `succeeded`, `skipped`
 * (`NoRows`, `RunSuperseded`) or `failed`. The last three are terminal.
 */
export type RunStatus = 'running' | 'publishing' | 'succeeded' | 'skipped' | 'failed';
export type PartStatus = 'pending' | 'running' | 'succeeded' | 'failed';

export const TERMINAL: readonly RunStatus[] = ['succeeded', 'skipped', 'failed'];

export interface RunRecord extends RunRef {
    /** Container-relative name of the manifest that started the run. */
    manifest: string;
    /** The hub dataset (folder) the run feeds (`Costs`, …), or the export type when it is not supported. */
    dataset: string;
    /** exportConfig.type of its manifest (`FocusCost`, `AmortizedCost`, …): with dataVersion, picks the converter. */
    exportType: string;
    /** Dataset version the export declared, e.g. `1.0r2`. */
    dataVersion: string;
    /** `YYYY-MM`, from runInfo.startDate. */
    month: string;
    /**
     * The days the run covers, both inclusive (`YYYY-MM-DD`): every charge must lie in them (docs/reconciliation.md
     * "Charge dates").
     */
    periodStart?: string;
    periodEnd?: string;
    submittedTime: string;
    status: RunStatus;
    partCount: number;
    /** Rows the manifest declares for the whole run (its dataRowCount): its parts' rows must add up to it. */
    declaredRows?: number;
    startedAt: string;
    /** When a worker last claimed or advanced the run; a run silent for longer than the deadline is stalled. */
    heartbeatAt?: string;
    /** Times the run was taken over after stalling (sweeper or a later `process`). */
    resumes?: number;
    /** The claim of the worker publishing the run (`publishing` only). */
    claim?: string;
    /** When the current publish attempt (`claim`) finished staging the run's folders. */
    stagedAt?: string;
    finishedAt?: string;
    totals?: Totals;
    errorCode?: ErrorCode;
    error?: string;
    /**
     * MUST-level FOCUS rules the run's output fails that the hub could have prevented (source gaps of the export are
     * not warnings). A `succeeded` run with warnings published data that does not conform.
     */
    warnings?: string[];
    /** Free-form JSON text for summaries other stages add (validation). */
    details?: string;
}

export interface PartRecord extends RunRef {
    index: number;
    /** Container-relative name of the export part. */
    blobName: string;
    /** Published file name of the part's output (`{runId}__part_0_0001.parquet`). */
    outputName: string;
    status: PartStatus;
    /** Rows the manifest declares for this part, when it says. */
    declaredRows?: number;
    totals?: Totals;
    /** FOCUS validation summary of the part's output (JSON text), when validation is on. */
    validation?: string;
    startedAt?: string;
    finishedAt?: string;
    errorCode?: ErrorCode;
    error?: string;
}

/** Which run's files are the published data of one (dataset, scope, month). */
export interface Publication {
    dataset: string;
    scope: string;
    month: string;
    /** The run that published the folder last. */
    runId: string;
    /** The newest submittedTime among `sources`. */
    submittedTime: string;
    publishedAt: string;
    /** The export runs whose rows the folder holds: the publishing run, and in a composed folder its partner. */
    sources?: PublishedSource[];
}

/** An export run whose rows a published folder holds. */
export type PublishedSource = ManifestSource;

/** Steps of replacing one dataset folder (see swapFolder). */
export type SwapPhase = 'children' | 'retire' | 'install';

/**
 * The right to publish into one dataset and month (all scopes: scope folders nest), held by one run at a time. It also
 * records how far a swap has got, so that whoever takes the lease over after a crash finishes that swap first.
 */
export interface Lease {
    name: string;
    holder: RunRef & { claim: string };
    expiresAt: string;
    /**
     * The folder swap in progress: whose, which publish attempt staged the folders it installs (`claim`), which
     * dataset, which phase, and where replaced files go.
     */
    swap?: { run: RunRef; claim: string; dataset: string; phase: SwapPhase; retired: string };
}

/** A stored value and the opaque version to pass back for a conditional write. */
export interface Versioned<T> {
    value: T;
    etag: string;
}

/**
 * Run state. Writes that take an `etag` are conditional: they return false (and change nothing) when the stored
 * version has moved on, so two workers can never both win a transition.
 */
export interface RunStore {
    /** Creates the run; returns the existing record instead when a run with that scope and id already exists. */
    createRun(run: RunRecord): Promise<{ created: true } | { created: false; existing: Versioned<RunRecord> }>;
    getRun(ref: RunRef): Promise<Versioned<RunRecord> | undefined>;
    updateRun(run: RunRecord, etag: string): Promise<boolean>;
    /** Unconditional upsert of one part's record (planning: a run's parts are created, or reset for a new attempt). */
    putPart(part: PartRecord): Promise<void>;
    getPart(ref: RunRef, index: number): Promise<Versioned<PartRecord> | undefined>;
    /**
     * Replaces a part's record if it is still at `etag` (a worker moves a part only from the state it read): the new
     * etag, or undefined when another writer got there first.
     */
    updatePart(part: PartRecord, etag: string): Promise<string | undefined>;
    listParts(ref: RunRef): Promise<PartRecord[]>;
    /** Every run, or those in one of `statuses`. */
    listRuns(statuses?: readonly RunStatus[]): Promise<RunRecord[]>;
    getPublication(dataset: string, scope: string, month: string): Promise<Versioned<Publication> | undefined>;
    /** Every publication of one dataset (all scopes and months). */
    listPublications(dataset: string): Promise<Publication[]>;
    /** Creates (etag undefined) or replaces (etag given) the publication; false when another writer got there first. */
    putPublication(publication: Publication, etag: string | undefined): Promise<boolean>;
    getLease(name: string): Promise<Versioned<Lease> | undefined>;
    listLeases(): Promise<Versioned<Lease>[]>;
    /** Creates (etag undefined) or replaces (etag given) a lease; the new etag, or undefined when another writer got there first. */
    putLease(lease: Lease, etag: string | undefined): Promise<string | undefined>;
    /** Deletes a lease if it is still at `etag`. */
    deleteLease(name: string, etag: string): Promise<boolean>;
}

/** One unit of work for the `transform` function: a part of a planned run. */
export interface PartWorkItem extends RunRef {
    index: number;
}

export interface WorkQueue {
    enqueue(items: PartWorkItem[]): Promise<void>;
    /** When the oldest message still waiting to be taken was sent (ISO 8601); undefined when none waits. */
    getOldestWaiting(): Promise<string | undefined>;
}

/** Local scratch space and compute: temporary folders, DuckDB sessions, file checks. */
export interface Workspace {
    /** Runs `work` in a fresh scratch folder, removed afterwards. */
    withScratch<T>(work: (dir: string) => Promise<T>): Promise<T>;
    /** Runs `work` on a fresh DuckDB connection (bounded memory, threads and spill), closed afterwards. */
    withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
    /**
     * Readies a downloaded part for DuckDB: the path to read, and the check still owed on the file (a gzip part's CRC
     * and length), to run alongside the transform. With more than one DuckDB thread a gzip part is inflated to plain
     * text first (checked as it inflates), because DuckDB reads compressed CSV on one thread and plain CSV on all.
     */
    openPart(path: string, name: string): Promise<OpenedPart>;
    /** Ends the DuckDB instance and removes its spill space; the next session starts a new one. */
    close(): Promise<void>;
}

/** A part ready for DuckDB (see Workspace.openPart). */
export interface OpenedPart {
    path: string;
    /** Starts the check the file still needs (resolves at once when none is owed). */
    verify(): Promise<void>;
}

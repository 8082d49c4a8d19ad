import { PartTotals } from '../focus/parquetTotals';

/**
 * What the pipeline needs from the outside world. Entry points build adapters (blob or folder store, table or file run
 * store, storage queue) and pass them in, so the Functions host and the CLI run one pipeline.
 */

/** A container addressed by container-relative names (`a/b/part_0_0001.csv.gz`). */
export interface ObjectStore {
    /** Human-readable location for messages, e.g. `msexports` or `/data/msexports`. */
    readonly location: string;
    /** Whole object as UTF-8 text; throws InputError `PartMissing` when it does not exist. */
    readText(name: string): Promise<string>;
    /** Streams an object to a local file; throws InputError `PartMissing` when it does not exist. */
    download(name: string, localPath: string): Promise<void>;
    /** Streams a local file to an object, replacing any object of that name. */
    upload(localPath: string, name: string): Promise<void>;
    /** Writes text (UTF-8) to an object, replacing it as a whole: readers see the old or the new text, never a mix. */
    writeText(name: string, text: string, contentType?: string): Promise<void>;
    /** Server-side copy within this store; the target is complete when the promise resolves. */
    copy(fromName: string, toName: string): Promise<void>;
    /** Names of all objects whose name starts with `prefix` (recursive), sorted. */
    list(prefix: string): Promise<string[]>;
    /** Deletes an object; missing objects are not an error. */
    delete(name: string): Promise<void>;
    /** Size in bytes, or undefined when the object does not exist. */
    size(name: string): Promise<number | undefined>;
}

export type RunStatus = 'running' | 'publishing' | 'succeeded' | 'skipped' | 'failed';
export type PartStatus = 'pending' | 'running' | 'succeeded' | 'failed';

/** Rows and cost figures as decimal strings (exact, as DuckDB prints DECIMAL(38,18) sums). */
export type CostTotals = PartTotals;

export interface RunRecord {
    runId: string;
    /** Container-relative name of the manifest that started the run. */
    manifest: string;
    dataset: string;
    /** FOCUS dataset version the export declared, e.g. `1.0r2`. */
    dataVersion: string;
    scope: string;
    /** `YYYY-MM`, from runInfo.startDate. */
    month: string;
    submittedTime: string;
    status: RunStatus;
    partCount: number;
    startedAt: string;
    finishedAt?: string;
    totals?: CostTotals;
    errorCode?: string;
    error?: string;
    /** Free-form JSON text for summaries other stages add (validation, AI). */
    details?: string;
}

export interface PartRecord {
    runId: string;
    index: number;
    /** Container-relative name of the export part. */
    blobName: string;
    status: PartStatus;
    /** Rows the manifest declares for this part, when it says. */
    declaredRows?: number;
    /** Name of the staged Parquet file in the ingestion container, once written. */
    stagedName?: string;
    totals?: CostTotals;
    /** FOCUS validation summary of the part's output (JSON text), when validation is on. */
    validation?: string;
    startedAt?: string;
    finishedAt?: string;
    errorCode?: string;
    error?: string;
}

/** Which run's files are the published data of one (dataset, scope, month). */
export interface Publication {
    dataset: string;
    scope: string;
    month: string;
    runId: string;
    submittedTime: string;
    publishedAt: string;
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
    /** Creates the run; returns the existing record instead when a run with that id already exists. */
    createRun(run: RunRecord): Promise<{ created: true } | { created: false; existing: Versioned<RunRecord> }>;
    getRun(runId: string): Promise<Versioned<RunRecord> | undefined>;
    updateRun(run: RunRecord, etag: string): Promise<boolean>;
    /** Unconditional upsert of one part's record. */
    putPart(part: PartRecord): Promise<void>;
    listParts(runId: string): Promise<PartRecord[]>;
    listRuns(): Promise<RunRecord[]>;
    getPublication(dataset: string, scope: string, month: string): Promise<Versioned<Publication> | undefined>;
    /** Creates (etag undefined) or replaces (etag given) the publication; false when another writer got there first. */
    putPublication(publication: Publication, etag: string | undefined): Promise<boolean>;
}

/** One unit of work for the `transform` function: a part of a planned run. */
export interface PartWorkItem {
    runId: string;
    index: number;
}

export interface WorkQueue {
    enqueue(items: PartWorkItem[]): Promise<void>;
}

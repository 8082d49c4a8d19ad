import type { DuckDBConnection } from '@duckdb/node-api';

import type { ObjectStore } from './ports';

/** A scope and month whose insights to recompute, after run `runId` published it. */
export interface InsightsRequest {
    /** The ingestion container: a blob store in Azure, a folder store on a laptop. */
    store: ObjectStore;
    scope: string;
    month: string;
    /** The publishing run: dataset files are named `{runId}__…`. */
    runId: string;
    connection: DuckDBConnection;
    /** Local folder the outputs (and downloads) go to. */
    workDir: string;
}

/** What an insights computation leaves in its work folder, for the pipeline to publish. */
export interface ComputedInsights {
    /**
     * One file per insight dataset, to stage in `{dataset}/{yyyy}/{mm}/{scope}/` as `name`; `currency`: the column its
     * folder manifest counts rows by.
     */
    files: { dataset: string; name: string; path: string; currency?: string }[];
    /** Objects written as they are, each replaced whole (the HTML report). */
    documents: { name: string; path: string; contentType: string }[];
    /** Lines to log once the datasets are published (an alert reads them). */
    logLines: string[];
}

/**
 * The insights the pipeline recomputes after a Costs publish, as the entry point builds them from the insights
 * registry: the pipeline knows their datasets and asks for their files, never what they are.
 */
export interface InsightsPort {
    /** Dataset folders the insights publish, in order; the first names their lease. */
    readonly datasets: readonly string[];
    compute(request: InsightsRequest): Promise<ComputedInsights>;
}

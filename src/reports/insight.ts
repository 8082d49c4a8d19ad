import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

import type { ObjectStore } from '../focus/objectStore';
import type { AiHistory } from './loadAiHistory';

/** Settings the insights read (from `src/config.ts`, by app-setting name). */
export interface InsightSettings {
    /** HUB_ANOMALY_THRESHOLD: the score a day's distance from its baseline must reach to be flagged. */
    anomalyThreshold: number;
}

/** What an insight is computed from: the selection's AIUnitEconomics history, loaded as view `ai_unit_economics`. */
export interface InsightContext {
    connection: DuckDBConnection;
    history: AiHistory;
    settings: InsightSettings;
}

/** Where an insight's published data lives, and where to look for what was published before. */
export interface InsightPlace {
    store: ObjectStore;
    scope: string;
    month: string;
    connection: DuckDBConnection;
    /** Local folder for downloads. */
    scratchDir: string;
}

/**
 * One insight: what it computes from a selection, how `finops-hub <name>` prints it, the dataset it publishes after
 * every Costs publish (and `finops-hub views` defines a view over), and what it logs then. Adding an insight is a
 * folder holding this and a line in INSIGHTS (`insights.ts`): the pipeline's refresh, `views` and the CLI loop over
 * that list.
 */
export interface Insight<T> {
    /** Its key and its CLI command. */
    name: string;
    /** One line for `finops-hub <name> --help`. */
    description: string;
    analyse(context: InsightContext): Promise<T>;
    /** What `finops-hub <name> --json` prints, and the text it prints otherwise. */
    json(value: T): unknown;
    text(value: T, month: string): string;
    dataset: {
        /** Folder name: `{name}/{yyyy}/{mm}/{scope}/`. */
        name: string;
        /** The view `finops-hub views` defines over it, and its file in a run: `{runId}__{view}.parquet`. */
        view: string;
        /** Its currency column, by which its folder manifest counts rows (none: the dataset has no currency). */
        currency?: 'BillingCurrency';
        /** Writes the value as a dataset file (zstd Parquet); returns its row count. */
        write(
            connection: DuckDBConnection,
            value: T,
            source: { scope: string; runId: string },
            path: string,
        ): Promise<number>;
        /** The dataset step and the values that make it return no rows (its columns, for an empty view). */
        empty(): { sql: string; values: Record<string, DuckDBValue> };
    };
    /** Lines to log once the dataset is published, e.g. one per new incident for an alert to read. */
    announce?(value: T, place: InsightPlace): Promise<string[]>;
}

/** A selection analysed by some insights: its history and each insight's result. */
export interface Analysis {
    history: AiHistory;
    results: ReadonlyMap<Insight<unknown>, unknown>;
}

/** The result of `insight` in an analysis (which must have run it). */
export function resultOf<T>(analysis: Analysis, insight: Insight<T>): T {
    if (!analysis.results.has(insight as Insight<unknown>))
        throw new Error(`Insight ${insight.name} was not analysed.`);
    return analysis.results.get(insight as Insight<unknown>) as T;
}

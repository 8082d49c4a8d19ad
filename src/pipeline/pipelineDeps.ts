import type { Timing, ValidationSettings } from '../config';
import { TagAliases } from '../focus/datasets/costs/tagAliases';
import type { InsightsPort } from './insightsPort';
import { ObjectStore, RunStore, WorkQueue, Workspace } from './ports';

/** Everything the pipeline touches, built by the entry point (Functions host or CLI). */
export interface PipelineDeps {
    /** The `msexports` container: read only, never modified. */
    exports: ObjectStore;
    /** The `ingestion` container: staged and published Parquet. */
    ingestion: ObjectStore;
    runs: RunStore;
    queue: WorkQueue;
    workspace: Workspace;
    validation: ValidationSettings;
    tagAliases: TagAliases;
    /** Shape Costs for the FinOps toolkit's storage Power BI reports (HUB_POWERBI_STORAGE_REPORT). */
    storageReport: boolean;
    timing: Timing;
    /** Months of published data the sweeper keeps before the current one (undefined: keep everything, the CLI). */
    retentionMonths?: number;
    /**
     * The insights recomputed for a scope after a run publishes (Anomalies, Forecasts, report), built from the insights
     * registry by the entry point; none with `HUB_INSIGHTS=off`.
     */
    insights?: InsightsPort;
    /**
     * True when no other worker can be alive (the CLI holds its state folder exclusively): every claim or lease found
     * belongs to a process that died, and may be taken over at once.
     */
    exclusive: boolean;
    /**
     * With `exclusive`: throws when the process has lost the lock that makes it exclusive (docs/publishing.md
     * "Run states: every run ends", on a laptop). Checked with every fencing check, so the process stops before its
     * next publish step, never inside one.
     */
    checkLock?: () => void;
    /** Milliseconds since the epoch: the clock every lease, claim and timestamp is read from. */
    clock: () => number;
    log: (message: string) => void;
}

/** The time now as ISO 8601 text, by the deps' clock. */
export const nowIso = (deps: Pick<PipelineDeps, 'clock'>): string => new Date(deps.clock()).toISOString();

import { DuckDbSettings } from '../adapters/duckdb';
import { ValidationSettings } from '../config';
import { TagAliases } from '../focus/tagAliases';
import { ObjectStore, RunStore, WorkQueue } from './ports';

/** Everything the pipeline touches, built by the entry point (Functions host or CLI). */
export interface PipelineDeps {
    /** The `msexports` container: read only, never modified. */
    exports: ObjectStore;
    /** The `ingestion` container: staged and published Parquet. */
    ingestion: ObjectStore;
    runs: RunStore;
    queue: WorkQueue;
    duckdb: DuckDbSettings;
    validation: ValidationSettings;
    tagAliases: TagAliases;
    log: (message: string) => void;
}

export const nowIso = (): string => new Date().toISOString();

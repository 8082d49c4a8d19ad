import type { HubDataset } from '../focus/datasets/hubDataset';
import { partialName } from '../focus/layout';
import { Totals } from '../focus/totals';
import { PartRecord, PublishedSource, RunRecord } from './ports';

/** One file of a published folder, with the export run its rows come from. */
export interface ReleaseFile {
    name: string;
    totals: Totals;
    source: PublishedSource;
}

/** What a run's staged dataset folder holds, and where each derived dataset's partials are. */
export interface Release {
    files: ReleaseFile[];
    /** The export runs whose rows the folder holds (the run's own first). */
    sources: PublishedSource[];
    /** Derived dataset name → names (in the ingestion store) of the partials its merged file sums. */
    partials: Record<string, string[]>;
}

/** The run as a source of published rows. */
export const sourceOf = (run: RunRecord): PublishedSource => ({
    runId: run.runId,
    exportType: run.exportType,
    submittedTime: run.submittedTime,
});

/** A run that publishes exactly its own parts, as convertPart staged them. */
export function ownRelease(run: RunRecord, parts: PartRecord[], dataset: HubDataset): Release {
    return {
        files: parts.map((part) => ({
            name: part.outputName,
            totals: part.totals ?? { rows: 0, sums: {} },
            source: sourceOf(run),
        })),
        sources: [sourceOf(run)],
        partials: Object.fromEntries(
            dataset.derived.map((d) => [d.name, parts.map((part) => partialName(run, d.name, part.index))]),
        ),
    };
}

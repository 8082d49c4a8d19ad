import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { AI_TELEMETRY } from '../../focus/datasets/aiTelemetry/aiTelemetryDataset';
import { AI_PROVISIONED, COST_ALLOCATION } from '../../focus/datasets/capacity/capacityDatasets';
import { viewName } from '../../focus/datasets/viewName';
import type { ObjectStore } from '../../focus/objectStore';
import { createParquetView } from '../../focus/published/createParquetView';
import { listPublished } from '../../focus/published/listPublished';
import { PublishedFolder } from '../../focus/published/publishedFolder';
import { readPublished } from '../../focus/published/readPublished';

/** The datasets loadCapacity reads, each into a view named after it. */
const DATASETS = [AI_PROVISIONED, AI_TELEMETRY, COST_ALLOCATION] as const;

/** Which telemetry scopes (`subscriptions/<id>`) to read: one, a list, or every one (undefined). */
export type CapacityScopes = string | readonly string[] | undefined;

/**
 * Downloads the month's published AIProvisioned, AITelemetry and CostAllocation of the selected telemetry scopes
 * (default month: the latest with AIProvisioned) and registers views `ai_provisioned`, `ai_telemetry` and
 * `cost_allocation`. Returns the month and the AIProvisioned folders read, or undefined when nothing is published.
 */
export async function loadCapacity(
    connection: DuckDBConnection,
    store: ObjectStore,
    selection: { month?: string; scopes?: CapacityScopes },
    scratchDir: string,
): Promise<{ month: string; folders: PublishedFolder[] } | undefined> {
    const { scopes } = selection;
    const where = (folder: PublishedFolder) =>
        scopes === undefined || (typeof scopes === 'string' ? folder.scope === scopes : scopes.includes(folder.scope));
    const month = selection.month ?? (await listPublished(store, AI_PROVISIONED, { where })).at(-1)?.month;
    if (month === undefined) return undefined;
    let folders: PublishedFolder[] = [];
    for (const dataset of DATASETS) {
        const view = viewName(dataset);
        const read = await readPublished(
            store,
            dataset,
            { months: [month], where, nested: true },
            join(scratchDir, view),
        );
        if (dataset === AI_PROVISIONED) folders = read.folders;
        if (read.files.length === 0) return undefined;
        await createParquetView(
            connection,
            view,
            read.files.map((file) => file.path),
        );
    }
    return { month, folders };
}

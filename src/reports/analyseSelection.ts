import type { DuckDBConnection } from '@duckdb/node-api';

import type { ObjectStore } from '../focus/objectStore';
import type { Analysis, Insight, InsightSettings } from './insight';
import { INSIGHTS } from './insights';
import { loadAiHistory, Selection } from './loadAiHistory';

/**
 * Loads the selected month's AIUnitEconomics with its history (view `ai_unit_economics`), then runs each insight on
 * it (all of INSIGHTS unless told which).
 */
export async function analyseSelection(
    connection: DuckDBConnection,
    store: ObjectStore,
    selection: Selection,
    scratchDir: string,
    settings: InsightSettings,
    insights: readonly Insight<unknown>[] = INSIGHTS,
): Promise<Analysis> {
    const history = await loadAiHistory(connection, store, selection, scratchDir);
    const results = new Map<Insight<unknown>, unknown>();
    for (const insight of insights) results.set(insight, await insight.analyse({ connection, history, settings }));
    return { history, results };
}

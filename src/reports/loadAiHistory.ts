import type { DuckDBConnection } from '@duckdb/node-api';

import { PipelineError } from '../errors';
import { AI_UNIT_ECONOMICS } from '../focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { loadSql } from '../focus/loadAsset';
import { addMonths, monthBounds } from '../focus/months';
import type { ObjectStore } from '../focus/objectStore';
import { createParquetView } from '../focus/published/createParquetView';
import { listPublished } from '../focus/published/listPublished';
import { PublishedFolder } from '../focus/published/publishedFolder';
import { readPublished } from '../focus/published/readPublished';

/** Months of history read before the month judged: enough for the 8-week baselines and forecast backtests. */
export const HISTORY_MONTHS = 3;

/** What a report or an analysis looks at: one month (default: the latest published) of one scope (default: all). */
export interface Selection {
    scope?: string;
    month?: string;
}

export interface AiHistory {
    month: string;
    /** First day read: the first day of the month HISTORY_MONTHS before `month`. */
    from: string;
    /** Last day of `month`. */
    through: string;
    /** The AIUnitEconomics folders read. */
    folders: PublishedFolder[];
    /**
     * A later month is published, the data runs through the month's last day, or a run submitted after that day
     * published it: the month is over.
     */
    closed: boolean;
}

/**
 * Downloads the AIUnitEconomics folders of the selected month and the HISTORY_MONTHS before it and registers their
 * rows as temp view `ai_unit_economics`, and tells whether the month is over. Throws `NoPublishedData` when the month
 * has no published folder.
 */
export async function loadAiHistory(
    connection: DuckDBConnection,
    store: ObjectStore,
    selection: Selection,
    scratchDir: string,
): Promise<AiHistory> {
    const { scope } = selection;
    const where = `${scope === undefined ? '' : ` of scope ${scope}`} in ${store.location}`;
    const latest = (await listPublished(store, AI_UNIT_ECONOMICS, { scope })).at(-1)?.month;
    const month = selection.month ?? latest;
    if (month === undefined) {
        // A scope mistyped: say which scopes have data.
        const others = scope === undefined ? [] : await listPublished(store, AI_UNIT_ECONOMICS, {});
        const scopes = [...new Set(others.map((folder) => folder.scope))].sort();
        const more = scopes.length > 10 ? ` and ${scopes.length - 10} more` : '';
        const hint = scopes.length === 0 ? '' : ` Scopes with data: ${scopes.slice(0, 10).join(', ')}${more}.`;
        throw new PipelineError('NoPublishedData', `No published ${AI_UNIT_ECONOMICS} data${where}.${hint}`);
    }
    const months = Array.from({ length: HISTORY_MONTHS + 1 }, (_, i) => addMonths(month, i - HISTORY_MONTHS));
    const { folders, files } = await readPublished(store, AI_UNIT_ECONOMICS, { scope, months }, scratchDir);
    if (!folders.some((folder) => folder.month === month)) {
        throw new PipelineError('NoPublishedData', `No published ${AI_UNIT_ECONOMICS} data for ${month}${where}.`);
    }
    await createParquetView(
        connection,
        'ai_unit_economics',
        files.map((file) => file.path),
    );
    const through = monthBounds(month).last;
    const reader = await connection.runAndReadAll(loadSql('last_charge_day', __dirname), { through });
    const last = (reader.getRowObjectsJson()[0]?.last_day as string | null) ?? '';
    // A run submitted after the month's last day published it: its data is as complete as Cost Management has it, even
    // when its AI use stopped before the month ended.
    const settled = folders.some((f) => f.month === month && (f.submittedTime ?? '').slice(0, 10) > through);
    const closed = (latest !== undefined && latest > month) || last >= through || settled;
    return { month, from: monthBounds(months[0] ?? month).first, through, folders, closed };
}

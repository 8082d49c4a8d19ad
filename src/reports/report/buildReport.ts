import type { DuckDBConnection } from '@duckdb/node-api';

import { AI_UNIT_ECONOMICS } from '../../focus/datasets/aiUnitEconomics/aiUnitEconomics';
import { COSTS } from '../../focus/datasets/costs/costsDataset';
import { loadSql } from '../../focus/loadAsset';
import type { ObjectStore } from '../../focus/objectStore';
import { listPublished } from '../../focus/published/listPublished';
import { PublishedFolder } from '../../focus/published/publishedFolder';
import { anomaliesInsight } from '../anomalies/anomaliesInsight';
import { reportCapacity } from '../capacity/reportCapacity';
import { forecastsInsight } from '../forecasts/forecastsInsight';
import { type Analysis, resultOf } from '../insight';
import { Selection } from '../loadAiHistory';
import { modelSeries } from './modelSeries';
import { queryReport } from './queryReport';
import { renderReport } from './renderReport';

/**
 * The HTML report of an analysed selection (view `ai_unit_economics` already loaded by analyseSelection, with the
 * anomalies and forecast insights run): reads the folder manifests (for data freshness), queries the figures and
 * renders one self-contained page in the month's main billing currency. It never reads Costs itself: AIUnitEconomics
 * holds everything it shows, besides the capacity sections (AIProvisioned, CostAllocation), downloaded into
 * `selection.scratchDir`.
 */
export async function buildReport(
    connection: DuckDBConnection,
    store: ObjectStore,
    analysis: Analysis,
    selection: Pick<Selection, 'scope'> & { scratchDir: string },
    generatedAt = new Date().toISOString(),
): Promise<string> {
    const { month, from, through, folders } = analysis.history;
    const reader = await connection.runAndReadAll(loadSql('report_currencies', __dirname), { month });
    const currencies = (reader.getRowObjectsJson() as { currency: string; effective_cost: string }[]).map((row) => ({
        currency: row.currency,
        effectiveCost: row.effective_cost,
    }));
    const currency = currencies[0]?.currency ?? 'USD';
    const figures = await queryReport(connection, { month, currency, from, through });
    const inCurrency = <T extends { currency: string | null }>(items: T[]) =>
        items.filter((x) => x.currency === currency);
    const byForecast = (a: { dimensions: object; forecast: string }, b: { dimensions: object; forecast: string }) =>
        Object.keys(a.dimensions).length - Object.keys(b.dimensions).length || Number(b.forecast) - Number(a.forecast);
    const findings = resultOf(analysis, anomaliesInsight);
    return renderReport({
        ...figures,
        costPerMillion: modelSeries(findings.judged, currency),
        month,
        closed: analysis.history.closed,
        scopes: [...new Set(folders.filter((f) => f.month === month).map((f) => f.scope))],
        scopeSelected: selection.scope !== undefined,
        currency,
        otherCurrencies: currencies.slice(1),
        generatedAt,
        findings: { incidents: inCurrency(findings.incidents), anomalies: inCurrency(findings.anomalies) },
        forecasts: inCurrency(resultOf(analysis, forecastsInsight)).sort(byForecast),
        freshness: await latestRuns(store, selection.scope),
        capacity: await reportCapacity(
            connection,
            store,
            { month, scope: selection.scope, currency },
            selection.scratchDir,
        ),
    });
}

/** The latest published folder (by month, then publication time) of Costs and AIUnitEconomics per scope. */
async function latestRuns(store: ObjectStore, scope: string | undefined): Promise<PublishedFolder[]> {
    const latest = new Map<string, PublishedFolder>();
    for (const dataset of [COSTS, AI_UNIT_ECONOMICS]) {
        for (const folder of await listPublished(store, dataset, { scope })) {
            const key = `${folder.scope}\u0000${dataset}`;
            const seen = latest.get(key);
            const order = (f: PublishedFolder) => `${f.month} ${f.publishedAt ?? ''}`;
            if (!seen || order(folder) > order(seen)) latest.set(key, folder);
        }
    }
    return [...latest.values()].sort((a, b) => a.scope.localeCompare(b.scope) || a.dataset.localeCompare(b.dataset));
}

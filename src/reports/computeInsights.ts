import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ComputedInsights, InsightsRequest } from '../pipeline/insightsPort';
import { analyseSelection } from './analyseSelection';
import type { InsightSettings } from './insight';
import { reportBlobName } from './insightsLayout';
import { buildReport } from './report/buildReport';

/**
 * Recomputes a scope's insights for a month after its Costs (and AIUnitEconomics) were published: each insight of
 * the registry writes its dataset file and says what to log, and the report is written. Pure: takes the store and a
 * DuckDB connection, reads no settings of its own, publishes nothing. `generatedAt` (ISO 8601, default now) is when
 * the report says it was written.
 */
export async function computeInsights(
    request: InsightsRequest & { generatedAt?: string },
    settings: InsightSettings,
): Promise<ComputedInsights> {
    const { store, scope, month, runId, connection, workDir } = request;
    const inputs = join(workDir, 'inputs');
    mkdirSync(inputs, { recursive: true });
    const analysis = await analyseSelection(connection, store, { scope, month }, inputs, settings);
    // The AIUnitEconomics run the insights come from, recorded in every row.
    const source = { scope, runId: analysis.history.folders.find((folder) => folder.month === month)?.runId ?? '' };
    const computed: ComputedInsights = { files: [], documents: [], logLines: [] };
    for (const [insight, value] of analysis.results) {
        const path = join(workDir, `${insight.dataset.view}.parquet`);
        await insight.dataset.write(connection, value, source, path);
        const { name: dataset, view, currency } = insight.dataset;
        computed.files.push({ dataset, name: `${runId}__${view}.parquet`, path, ...(currency && { currency }) });
        const place = { store, scope, month, connection, scratchDir: inputs };
        computed.logLines.push(...((await insight.announce?.(value, place)) ?? []));
    }
    const reportPath = join(workDir, 'report.html');
    writeFileSync(
        reportPath,
        await buildReport(
            connection,
            store,
            analysis,
            { scope, scratchDir: join(inputs, 'capacity') },
            request.generatedAt,
        ),
        'utf8',
    );
    computed.documents.push({
        name: reportBlobName(scope, month),
        path: reportPath,
        contentType: 'text/html; charset=utf-8',
    });
    return computed;
}

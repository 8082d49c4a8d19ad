import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { PipelineError } from '../errors';
import { loadSql } from '../focus/loadAsset';
import type { Totals } from '../focus/totals';
import { exportLayout } from './exportLayout';
import { type ExportOptions, monthEnd, validateExportOptions } from './exportOptions';
import { prepareSampleGenerator, RUN_VALUE_TYPES, runValues, withRowOrder } from './sampleGenerator';
import { type ManifestBlob, writeManifest } from './writeManifest';
import { writePart } from './writePart';

/** What one generated export run holds. Paths are absolute; blob names are relative to the container folder. */
export interface GeneratedExport {
    options: ExportOptions;
    /** Container-relative name of the run's manifest. */
    manifestName: string;
    manifestPath: string;
    blobs: (ManifestBlob & { path: string })[];
    /** Row count and exact BilledCost / EffectiveCost totals (DECIMAL(38,18) text) of the run's one month. */
    totals: Totals;
}

/**
 * Writes one FocusCost export run into `containerRoot` (the folder that plays the `msexports` container) exactly as
 * Cost Management lays it out: part files, each with a header, then `manifest.json` beside them. Rows are generated
 * and written inside DuckDB, part by part, so memory stays bounded for millions of rows. `extendMeters`, when given,
 * runs after the generator's tables are made and may change the meters rows are drawn from (`sample_meters`, then
 * `sample_lookups.sql` again), e.g. for a benchmark's AI-heavy mix.
 */
export async function generateExport(
    connection: DuckDBConnection,
    containerRoot: string,
    options: ExportOptions,
    extendMeters?: (connection: DuckDBConnection) => Promise<void>,
): Promise<GeneratedExport> {
    validateExportOptions(options);
    const throughDate = options.throughDate ?? monthEnd(options.month);
    const values = runValues({ ...options, throughDate });
    const layout = exportLayout(options);
    mkdirSync(join(containerRoot, layout.folder), { recursive: true });
    await prepareSampleGenerator(connection);
    await extendMeters?.(connection);

    const blobs = await withRowOrder(connection, async () => {
        const written: (ManifestBlob & { path: string })[] = [];
        for (const [index, blobName] of layout.partNames.entries()) {
            const rowStart = Math.floor((options.rows * index) / options.parts);
            const rowEnd = Math.floor((options.rows * (index + 1)) / options.parts);
            const path = join(containerRoot, blobName);
            await writePart(
                connection,
                { path, rowStart, rowEnd },
                { version: options.dataVersion, format: options.format, values },
            );
            written.push({ blobName, path, byteCount: statSync(path).size, dataRowCount: rowEnd - rowStart });
        }
        return written;
    });

    const reader = await connection.runAndReadAll(
        loadSql('sample_totals'),
        { ...values, rows: options.rows },
        RUN_VALUE_TYPES,
    );
    const [total] = reader.getRowObjectsJson() as { row_count: string; billed_cost: string; effective_cost: string }[];
    if (total === undefined) throw new PipelineError('TransformFailed', 'Sample totals query returned no row');
    const totals: Totals = {
        rows: Number(total.row_count),
        sums: { BilledCost: total.billed_cost, EffectiveCost: total.effective_cost },
    };

    const manifestPath = join(containerRoot, layout.manifestName);
    writeManifest(manifestPath, options, {
        startDate: `${options.month}-01`,
        endDate: throughDate,
        timeFrame: throughDate < monthEnd(options.month) ? 'MonthToDate' : 'TheLastMonth',
        blobs: blobs.map(({ blobName, byteCount, dataRowCount }) => ({ blobName, byteCount, dataRowCount })),
    });
    return { options, manifestName: layout.manifestName, manifestPath, blobs, totals };
}

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { type DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';

import { PipelineError } from '../errors';
import { decimalSum } from '../focus/decimalSum';
import type { Totals } from '../focus/totals';
import { exportLayout } from './exportLayout';
import { type ExportOptions, monthEnd, validateExportOptions } from './exportOptions';
import { SAMPLE_EXPORTS, type SampleExport } from './sampleExports';
import { prepareSampleGenerator, RUN_VALUE_TYPES, type RunValues, runValues, withRowOrder } from './sampleGenerator';
import { type ManifestBlob, writeManifest } from './writeManifest';
import { writePart } from './writePart';

/** What one generated export run holds. Paths are absolute; blob names are relative to the container folder. */
export interface GeneratedExport {
    options: ExportOptions;
    /** Container-relative name of the run's manifest. */
    manifestName: string;
    manifestPath: string;
    blobs: (ManifestBlob & { path: string })[];
    /** Row count and the exact totals (DECIMAL(38,18) text) the hub reconciles for the type (FocusCost: BilledCost,
     * EffectiveCost). */
    totals: Totals;
}

/**
 * Writes one export run (FocusCost, or a price sheet or reservation export) into `containerRoot` (the folder that plays the `msexports` container) exactly as
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
    const sample = SAMPLE_EXPORTS[options.type ?? 'FocusCost'];
    const columns = sample.columns(options.dataVersion, options.channel ?? 'EA') ?? [];
    const minuteDates = (options.type ?? 'FocusCost') === 'FocusCost' && options.dataVersion === '1.0';
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
                { sample, columns, minuteDates, format: options.format, values },
            );
            written.push({ blobName, path, byteCount: statSync(path).size, dataRowCount: rowEnd - rowStart });
        }
        return written;
    });

    const totals = await runTotals(connection, sample, values, options.rows);

    const manifestPath = join(containerRoot, layout.manifestName);
    writeManifest(manifestPath, options, {
        startDate: `${options.month}-01`,
        endDate: throughDate,
        timeFrame: throughDate < monthEnd(options.month) ? 'MonthToDate' : 'TheLastMonth',
        blobs: blobs.map(({ blobName, byteCount, dataRowCount }) => ({ blobName, byteCount, dataRowCount })),
    });
    return { options, manifestName: layout.manifestName, manifestPath, blobs, totals };
}

/** Row count and exact totals of the whole run, summed by DuckDB over the same rows the parts hold. */
async function runTotals(
    connection: DuckDBConnection,
    sample: SampleExport,
    values: RunValues,
    rows: number,
): Promise<Totals> {
    const columns = Object.entries(sample.totals);
    const sums = columns.map(
        ([, source], i) => `coalesce(sum(${quotedIdentifier(source)}), 0)::decimal(38, 18)::varchar as s${i}`,
    );
    const all: Record<string, unknown> = { ...values, row_start: 0, row_end: rows };
    const args = sample.arguments.map((name) => `$${name}`).join(', ');
    const reader = await connection.runAndReadAll(
        `select ${['count(*)::varchar as n', ...sums].join(', ')} from ${sample.macro}(${args})`,
        Object.fromEntries(sample.arguments.map((name) => [name, all[name]])) as Record<string, string>,
        Object.fromEntries(sample.arguments.map((name) => [name, RUN_VALUE_TYPES[name]])),
    );
    const [count, ...values_] = reader.getRows()[0] ?? [];
    if (count === undefined) throw new PipelineError('TransformFailed', 'Sample totals query returned no row');
    return {
        rows: Number(count),
        sums: Object.fromEntries(columns.map(([column], i) => [column, decimalSum([String(values_[i])])])),
    };
}

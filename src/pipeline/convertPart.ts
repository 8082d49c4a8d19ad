import { join } from 'node:path';

import { InputError } from '../errors';
import { datasetOfRun } from '../focus/datasets/registry';
import { convertedFolder, partialName } from '../focus/layout';
import { localPartName, partFormat } from '../focus/partFormat';
import { downloadLookups } from './downloadLookups';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, RunRecord, Versioned } from './ports';
import { stageTimer } from './stageTimer';

/**
 * Converts one part of a running run that this worker has claimed (`claimed`: the part `running`, at the version this
 * worker wrote): download to a scratch folder, the dataset's transform in DuckDB, validation, the derived datasets'
 * partials, upload into the run's converted folders, and the part's record, written only if the part is still as
 * this worker left it. Resolves false when another worker took the part over meanwhile (a duplicate message, or a
 * redelivery after this worker was given up for dead): its output, of the same part, is as good as this one's.
 */
export async function convertPart(
    run: RunRecord,
    claimed: Versioned<PartRecord>,
    deps: PipelineDeps,
): Promise<boolean> {
    const dataset = datasetOfRun(run);
    const part = claimed.value;
    const timer = stageTimer();
    return deps.workspace.withScratch(async (dir) => {
        const input = join(dir, localPartName(part.blobName));
        const output = join(dir, 'output.parquet');
        const partials = dataset.derived.map((derived) => join(dir, `${derived.name}.parquet`));
        const lookups = await timer.time('download', async () => {
            await deps.exports.download(part.blobName, input);
            return downloadLookups(run, dataset, join(dir, 'lookups'), deps);
        });
        const opened = await timer.time('inflate', () => deps.workspace.openPart(input, part.blobName));
        // The file check runs alongside the conversion; each stage of the conversion is timed on its own.
        const [verified, converted] = await Promise.allSettled([
            opened.verify(),
            deps.workspace.withDuckDb(async (connection) => {
                const source = {
                    path: opened.path,
                    format: partFormat(part.blobName),
                    dataVersion: run.dataVersion,
                    ...(part.declaredRows === undefined ? {} : { declaredRows: part.declaredRows }),
                    ...(run.periodStart && run.periodEnd
                        ? { period: { start: run.periodStart, end: run.periodEnd } }
                        : {}),
                };
                const totals = await timer.time('transform', () =>
                    dataset.transformPart(connection, { ...source, name: part.blobName, scope: run.scope }, output, {
                        tagAliases: deps.tagAliases,
                        storageReport: deps.storageReport,
                        lookups,
                    }),
                );
                const { mode, sampleRows } = deps.validation;
                const validation =
                    mode === 'off' || !dataset.validatePart
                        ? undefined
                        : await timer.time('validate', async () =>
                              dataset.validatePart?.(connection, output, mode, sampleRows),
                          );
                await timer.time('partials', async () => {
                    for (const [i, derived] of dataset.derived.entries()) {
                        await derived.partial(connection, output, partials[i] ?? '');
                    }
                });
                return { totals, validation };
            }),
        ]);
        if (verified.status === 'rejected') throw verified.reason;
        if (converted.status === 'rejected') throw converted.reason;
        const { totals, validation } = converted.value;
        if (part.declaredRows !== undefined && part.declaredRows !== totals.rows) {
            throw new InputError(
                'RowCountMismatch',
                `Part ${part.blobName} holds ${totals.rows} rows but the manifest declares ${part.declaredRows}; the export may be incomplete.`,
            );
        }
        await timer.time('upload', async () => {
            await deps.ingestion.upload(output, `${convertedFolder(run, dataset.name)}/${part.outputName}`);
            for (const [i, derived] of dataset.derived.entries()) {
                await deps.ingestion.upload(partials[i] ?? '', partialName(run, derived.name, part.index));
            }
        });
        const succeeded: PartRecord = {
            ...part,
            status: 'succeeded',
            totals,
            ...(validation ? { validation: JSON.stringify(validation) } : {}),
            finishedAt: nowIso(deps),
        };
        if ((await timer.time('state', () => deps.runs.updatePart(succeeded, claimed.etag))) === undefined) {
            deps.log(`Part ${part.blobName}: converted, but another worker took the part over meanwhile.`);
            return false;
        }
        deps.log(`Part ${part.blobName}: ${totals.rows} rows converted (${timer.summary()}).`);
        return true;
    });
}

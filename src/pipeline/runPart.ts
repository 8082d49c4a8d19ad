import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBConnection } from '@duckdb/node-api';

import { withDuckDb } from '../adapters/duckdb';
import { verifyGzip } from '../adapters/verifyGzip';
import { ensureError, InputError } from '../errors';
import { AI_UNIT_ECONOMICS, writeAiUnitEconomicsPartial } from '../focus/aiUnitEconomics';
import { stagingName } from '../focus/layout';
import { localPartName, partFormat } from '../focus/partFormat';
import { transformPart } from '../focus/transformPart';
import { validatePart } from '../focus/validatePart';
import { nowIso, PipelineDeps } from './pipelineDeps';
import { PartRecord, PartWorkItem, RunRecord } from './ports';
import { publishRun } from './publishRun';
import { recordFailure } from './recordFailure';
import { stageTimer } from './stageTimer';

/**
 * Converts one part of a running run: download to a temp folder, DuckDB to FOCUS Parquet, upload to the run's staging
 * area. Bad input fails the run at once (retrying cannot help); other errors are rethrown so the queue retries, and
 * on the last attempt they fail the run too. The part that finds every part done publishes the run.
 */
export async function runPart(
    item: PartWorkItem,
    deps: PipelineDeps,
    attempt: { number: number; last: boolean } = { number: 1, last: true },
): Promise<RunRecord | undefined> {
    const run = (await deps.runs.getRun(item.runId))?.value;
    const part = run && (await deps.runs.listParts(run.runId)).find((p) => p.index === item.index);
    // A redelivered message for a run stuck in publishing means the publisher died: finish its work.
    if (run?.status === 'publishing' && attempt.number > 1) return publishRun(run.runId, deps, true);
    if (!run || !part || run.status !== 'running') {
        deps.log(`Part ${item.runId}#${item.index}: nothing to do (run ${run?.status ?? 'unknown'}).`);
        return run;
    }
    if (part.status !== 'succeeded') {
        try {
            await convertPart(run, part, deps);
        } catch (error) {
            const failure = ensureError(error);
            if (!(failure instanceof InputError) && !attempt.last) throw failure;
            await deps.runs.putPart({ ...part, status: 'failed', errorCode: failure.code, error: failure.message });
            return recordFailure(run, failure, deps);
        }
    }
    return publishRun(run.runId, deps);
}

async function convertPart(run: RunRecord, part: PartRecord, deps: PipelineDeps): Promise<void> {
    const startedAt = nowIso();
    const timer = stageTimer();
    await timer.time('state', () => deps.runs.putPart({ ...part, status: 'running', startedAt }));
    const dir = mkdtempSync(join(deps.duckdb.tempDirectory, 'part-'));
    try {
        const files = {
            input: join(dir, localPartName(part.blobName)),
            costs: join(dir, 'costs.parquet'),
            ai: join(dir, 'ai.parquet'),
        };
        await timer.time('download', () => deps.exports.download(part.blobName, files.input));
        const [verified, converted] = await timer.time('transform', () =>
            Promise.allSettled([
                files.input.endsWith('.gz') ? verifyGzip(files.input, part.blobName) : Promise.resolve(),
                withDuckDb(deps.duckdb, (connection) => convertFile(connection, run, part, files, deps)),
            ]),
        );
        if (verified.status === 'rejected') throw verified.reason;
        if (converted.status === 'rejected') throw converted.reason;
        const { totals, validation } = converted.value;
        if (part.declaredRows !== undefined && part.declaredRows !== totals.rows) {
            throw new InputError(
                'RowCountMismatch',
                `Part ${part.blobName} holds ${totals.rows} rows but the manifest declares ${part.declaredRows}; the export may be incomplete.`,
            );
        }
        const stagedName = stagingName(run.runId, run.dataset, part.index);
        await timer.time('upload', async () => {
            await deps.ingestion.upload(files.costs, stagedName);
            await deps.ingestion.upload(files.ai, stagingName(run.runId, AI_UNIT_ECONOMICS, part.index));
        });
        const succeeded: PartRecord = {
            ...part,
            status: 'succeeded',
            stagedName,
            totals,
            ...(validation ? { validation: JSON.stringify(validation) } : {}),
            startedAt,
            finishedAt: nowIso(),
        };
        await timer.time('state', () => deps.runs.putPart(succeeded));
        deps.log(`Part ${part.blobName}: ${totals.rows} rows converted (${timer.summary()}).`);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The DuckDB work of one part: FOCUS Costs, its validation, and the part's AI unit economics sums. */
async function convertFile(
    connection: DuckDBConnection,
    run: RunRecord,
    part: PartRecord,
    files: { input: string; costs: string; ai: string },
    deps: PipelineDeps,
) {
    const input = {
        path: files.input,
        format: partFormat(part.blobName),
        dataVersion: run.dataVersion,
        name: part.blobName,
    };
    const totals = await transformPart(connection, input, files.costs, deps.tagAliases);
    const { mode, sampleRows } = deps.validation;
    const validation = mode === 'off' ? undefined : await validatePart(connection, files.costs, mode, sampleRows);
    await writeAiUnitEconomicsPartial(connection, files.costs, files.ai);
    return { totals, validation };
}

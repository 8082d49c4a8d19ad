import { STAGING_ROOT } from '../focus/layout';
import { runKey } from '../focus/runRef';
import { PipelineDeps } from './pipelineDeps';

/**
 * Removes staging folders (`_staging/{runKey}`, listed in `staged` before anything else was read) that no run still
 * converting or publishing, and no lease (its holder, or the swap it records), needs: what a worker wrote after its
 * run ended, or what a crash between a run's end and its clean-up left.
 */
export async function collectStaging(staged: string[], deps: PipelineDeps): Promise<void> {
    const open = await deps.runs.listRuns(['running', 'publishing']);
    const leases = (await deps.runs.listLeases()).map(({ value }) => value);
    const live = new Set([
        ...open.map(runKey),
        ...leases.flatMap((lease) => [runKey(lease.holder), ...(lease.swap ? [runKey(lease.swap.run)] : [])]),
    ]);
    for (const folder of staged) {
        if (!live.has(folder)) await deps.ingestion.deleteFolder(`${STAGING_ROOT}/${folder}`);
    }
}

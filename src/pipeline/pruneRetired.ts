import { RETIRED_ROOT, retiredAt } from '../focus/layout';
import { PipelineDeps } from './pipelineDeps';

/** Deletes retired files older than the grace period (queries that listed them have had time to finish). */
export async function pruneRetired(deps: PipelineDeps): Promise<void> {
    const cutoff = deps.clock() - deps.timing.retiredGraceMs;
    for (const folder of await deps.ingestion.listFolders(RETIRED_ROOT)) {
        const at = retiredAt(folder);
        if (at && at.getTime() <= cutoff) await deps.ingestion.deleteFolder(`${RETIRED_ROOT}/${folder}`);
    }
}

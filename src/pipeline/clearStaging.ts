import { stagingPrefix } from '../focus/layout';
import { PipelineDeps } from './pipelineDeps';

/** Removes everything a run staged in the ingestion container (after it published, or when it failed). */
export async function clearStaging(runId: string, deps: PipelineDeps): Promise<void> {
    for (const name of await deps.ingestion.list(stagingPrefix(runId))) await deps.ingestion.delete(name);
}

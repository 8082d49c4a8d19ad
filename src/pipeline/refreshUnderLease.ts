import { randomUUID } from 'node:crypto';

import { ensureError } from '../errors';
import { claimFolder, retiredPrefix } from '../focus/layout';
import { finishSwap } from './finishSwap';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';
import { publishDatasets } from './publishDatasets';
import { acquireLease, HeldLease, leaseName } from './publishLease';

/** What one refresh computes and how it says so. */
export interface Refresh<T> {
    /** The datasets it publishes, in order; the first names the lease (`{dataset}/{yyyy-mm}`). */
    datasets: readonly string[];
    /** How log lines name it, e.g. `Insights <scope> <month>`. */
    where: string;
    /** What the log says when another refresh holds the lease. */
    busy: string;
    /** Computes the datasets into this attempt's staged folders (`claim`), with their manifests. */
    stage: (claim: string) => Promise<T>;
    /** Runs under the lease once the datasets are published (documents, announcements). */
    published?: (staged: T, lease: HeldLease) => Promise<void>;
}

/**
 * A refresh of datasets computed from published data (insights, capacity), published as a run publishes its own: under
 * the lease of its first dataset for `owner`'s month, it finishes any swap the previous holder left, stages into its own
 * publish attempt, swaps the folders in (fenced), then runs `published` under the lease. The run that caused it has
 * already succeeded: a failure is logged, never thrown. Until the swap starts, a failure removes this attempt's staging
 * and releases the lease, so the next refresh need not wait for it to lapse; once the swap has begun nothing here
 * removes a folder or the lease: a swap left half done is the next lease holder's to finish.
 */
export async function refreshUnderLease<T>(owner: RunRecord, refresh: Refresh<T>, deps: PipelineDeps): Promise<void> {
    const [first] = refresh.datasets;
    if (first === undefined) return;
    const claim = randomUUID();
    let staging: HeldLease | undefined;
    try {
        const lease = await acquireLease(leaseName(first, owner.month), { ...owner, claim }, deps);
        if (lease === 'busy') {
            deps.log(`${refresh.where}: ${refresh.busy}`);
            return;
        }
        await finishSwap(lease, deps);
        staging = lease;
        const staged = await refresh.stage(claim);
        staging = undefined;
        const retired = retiredPrefix(owner, new Date(deps.clock()));
        await publishDatasets(owner, { claim, dataset: first, phase: 'children', retired }, lease, deps);
        await refresh.published?.(staged, lease);
        await lease.release();
        await deps.ingestion.deleteFolder(claimFolder(owner, claim));
    } catch (error) {
        deps.log(`${refresh.where} not refreshed: ${ensureError(error).message}`);
        if (staging) {
            await deps.ingestion.deleteFolder(claimFolder(owner, claim)).catch(() => undefined);
            await staging.release().catch(() => undefined);
        }
    }
}

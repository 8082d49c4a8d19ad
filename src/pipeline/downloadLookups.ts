import { join } from 'node:path';

import { InputError, TransientError } from '../errors';
import type { HubDataset } from '../focus/datasets/hubDataset';
import { readPublished } from '../focus/published/readPublished';
import { PipelineDeps } from './pipelineDeps';
import { RunRecord } from './ports';

const ATTEMPTS = 3;

/**
 * Downloads, into `dir`, the files published for the run's month of each dataset the converter looks up, from the
 * scope folders related to the run's (see relatedTo); a dataset with nothing published gives an empty list. A
 * lookup being replaced while it is read (a listed file already moved away) is read again, and after a few tries the
 * part is retried later (`PublishBusy`).
 */
export async function downloadLookups(
    run: RunRecord,
    dataset: HubDataset,
    dir: string,
    deps: PipelineDeps,
): Promise<Record<string, string[]>> {
    const lookups: Record<string, string[]> = {};
    for (const [index, name] of (dataset.lookups ?? []).entries()) {
        const filter = { months: [run.month], nested: true, where: relatedTo(run.scope) };
        for (let attempt = 1; lookups[name] === undefined; attempt++) {
            try {
                const local = await readPublished(deps.ingestion, name, filter, join(dir, `${index}-${attempt}`));
                lookups[name] = local.files.map((file) => file.path);
            } catch (error) {
                if (!(error instanceof InputError && error.code === 'PartMissing')) throw error;
                if (attempt >= ATTEMPTS) {
                    throw new TransientError(
                        'PublishBusy',
                        `Run ${run.runId}: ${name} of ${run.month} kept changing while it was read; the part is tried again.`,
                        { cause: error },
                    );
                }
            }
        }
    }
    return lookups;
}

/**
 * Whether a lookup's scope folder concerns a run's scope: the same scope, one containing it or one inside it (a billing
 * profile's price sheet for its billing account's costs, and the other way round). Runs of other scopes
 * (subscriptions, resource groups, management groups) may draw on any billing scope.
 */
export function relatedTo(runScope: string): (folder: { scope: string }) => boolean {
    if (!runScope.startsWith('providers/microsoft.billing/')) return () => true;
    return ({ scope }) => scope === runScope || runScope.startsWith(`${scope}/`) || scope.startsWith(`${runScope}/`);
}

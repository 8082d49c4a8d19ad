import { join } from 'node:path';

import type { ObjectStore } from '../../objectStore';
import { readPublished } from '../../published/readPublished';
import { AI_ACCOUNT_COSTS } from '../aiAccountCosts/aiAccountCostsDataset';
import { AI_TELEMETRY } from '../aiTelemetry/aiTelemetryDataset';
import { AI_DEPLOYMENTS } from './capacityDatasets';
import type { CapacityInputs, CapacityRun } from './computeCapacity';

/**
 * Downloads into `dir` what the capacity datasets of one telemetry scope and month are computed from: that scope's
 * published AITelemetry and AIDeployments of the month, and the month's AIAccountCosts of every outermost scope (each
 * file with the scope folder it came from).
 */
export async function downloadCapacityInputs(
    store: ObjectStore,
    run: Pick<CapacityRun, 'scope' | 'month'>,
    dir: string,
): Promise<CapacityInputs> {
    const own = { scope: run.scope, months: [run.month] };
    const telemetry = await readPublished(store, AI_TELEMETRY, own, join(dir, 'telemetry'));
    const deployments = await readPublished(store, AI_DEPLOYMENTS, own, join(dir, 'deployments'));
    const costs = await readPublished(store, AI_ACCOUNT_COSTS, { months: [run.month] }, join(dir, 'costs'));
    return {
        telemetry: telemetry.files.map((file) => file.path),
        deployments: deployments.files.map((file) => file.path),
        accountCosts: costs.files.map((file) => ({ path: file.path, scope: file.folder.scope })),
    };
}

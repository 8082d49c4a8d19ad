import { randomUUID } from 'node:crypto';

import { finishSwap } from './finishSwap';
import { PipelineDeps } from './pipelineDeps';
import { acquireLease, leaseName } from './publishLease';

/**
 * Retention: deletes whole month folders of the ingestion container (`{Dataset}/{yyyy}/{mm}/`: every scope, each
 * manifest with its files) older than the current month and the `months` before it. Each month goes under its
 * dataset-month lease, after any swap recorded there is finished, so no publish is under way in it; where folders are
 * real the delete is one recursive delete of the month. Returns the folders deleted.
 */
export async function expireMonths(months: number, deps: PipelineDeps): Promise<string[]> {
    const now = new Date(deps.clock());
    const oldestKept = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
    const deleted: string[] = [];
    for (const dataset of await deps.ingestion.listFolders('')) {
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(dataset)) continue;
        for (const year of await deps.ingestion.listFolders(dataset)) {
            for (const month of await deps.ingestion.listFolders(`${dataset}/${year}`)) {
                if (!/^\d{4}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) continue;
                if (Number(year) * 12 + Number(month) - 1 >= oldestKept) continue;
                const holder = { scope: dataset, runId: 'retention', claim: randomUUID() };
                const lease = await acquireLease(leaseName(dataset, `${year}-${month}`), holder, deps);
                if (lease === 'busy') continue;
                await finishSwap(lease, deps);
                await lease.fence();
                await deps.ingestion.deleteFolder(`${dataset}/${year}/${month}`);
                await lease.release();
                deleted.push(`${dataset}/${year}/${month}`);
            }
        }
    }
    if (deleted.length > 0) deps.log(`Retention (${months} months): deleted ${deleted.join(', ')}.`);
    return deleted;
}

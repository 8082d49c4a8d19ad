import { PartWorkItem, WorkQueue } from './ports';

/** The CLI's queue: work items wait in memory until the local runner takes them, in order. */
export interface MemoryWorkQueue extends WorkQueue {
    take(): PartWorkItem | undefined;
}

/** `clock`: the time items are sent at, in ms (the pipeline's clock). */
export function createMemoryWorkQueue(clock: () => number = Date.now): MemoryWorkQueue {
    const items: { item: PartWorkItem; sentAt: number }[] = [];
    return {
        enqueue: (added) => {
            const sentAt = clock();
            items.push(...added.map((item) => ({ item, sentAt })));
            return Promise.resolve();
        },
        getOldestWaiting: () => {
            const oldest = items[0];
            return Promise.resolve(oldest && new Date(oldest.sentAt).toISOString());
        },
        take: () => items.shift()?.item,
    };
}

import { PartWorkItem, WorkQueue } from './ports';

/** The CLI's queue: work items wait in memory until the local runner takes them, in order. */
export interface MemoryWorkQueue extends WorkQueue {
    take(): PartWorkItem | undefined;
}

export function createMemoryWorkQueue(): MemoryWorkQueue {
    const items: PartWorkItem[] = [];
    return {
        enqueue: (added) => {
            items.push(...added);
            return Promise.resolve();
        },
        take: () => items.shift(),
    };
}

import type { QueueClient } from '@azure/storage-queue';

import { TransientError } from '../errors';
import type { PartWorkItem, WorkQueue } from '../pipeline/ports';
import { storageStatus } from './storageClients';

/** Messages sent at once; keeps a large run from opening hundreds of requests together. */
const SEND_BATCH = 16;

/**
 * A WorkQueue over one storage queue. Each item is one message: its JSON, base64-encoded, which is what a Functions
 * queue trigger expects with the default `messageEncoding`. The queue is created on first use.
 */
export function createQueueWorkQueue(queue: QueueClient): WorkQueue {
    let ready: Promise<unknown> | undefined;
    return {
        async enqueue(items) {
            try {
                await (ready ??= queue.createIfNotExists().catch((error: unknown) => {
                    ready = undefined;
                    throw error;
                }));
                for (let start = 0; start < items.length; start += SEND_BATCH) {
                    const batch = items.slice(start, start + SEND_BATCH);
                    await Promise.all(batch.map((item) => queue.sendMessage(encodeWorkItem(item))));
                }
            } catch (error) {
                throw unavailable('enqueue parts on', error);
            }
        },
        async getOldestWaiting() {
            try {
                const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 1 });
                return peekedMessageItems[0]?.insertedOn.toISOString();
            } catch (error) {
                if (storageStatus(error) === 404) return undefined;
                throw unavailable('peek at', error);
            }
        },
    };

    function unavailable(action: string, error: unknown): TransientError {
        const reason = error instanceof Error ? error.message : String(error);
        return new TransientError('StorageUnavailable', `Could not ${action} queue ${queue.name}: ${reason}`, {
            cause: error,
        });
    }
}

/** The message text for one work item: base64 of `{"scope":…,"runId":…,"index":…}`. */
export function encodeWorkItem(item: PartWorkItem): string {
    const { scope, runId, index } = item;
    return Buffer.from(JSON.stringify({ scope, runId, index }), 'utf8').toString('base64');
}

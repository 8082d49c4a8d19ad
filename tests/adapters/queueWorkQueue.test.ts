import type { QueueClient } from '@azure/storage-queue';

import { createQueueWorkQueue, encodeWorkItem } from '../../src/adapters/queueWorkQueue';
import { createStorageClients } from '../../src/adapters/storageClients';
import type { PartWorkItem } from '../../src/pipeline/ports';
import { type Azurite, startAzurite } from '../helpers/azurite';

let azurite: Azurite | undefined;

beforeAll(async () => {
    azurite = await startAzurite();
});

afterAll(async () => {
    await azurite?.stop();
});

const queueClient = (name: string) =>
    createStorageClients({ connectionString: azurite?.connectionString }).queueService().getQueueClient(name);

/** Receives every message on the queue and decodes it the way the Functions trigger does (base64, then JSON). */
async function drain(queue: QueueClient): Promise<unknown[]> {
    const items: unknown[] = [];
    for (;;) {
        const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
        if (receivedMessageItems.length === 0) return items;
        for (const message of receivedMessageItems) {
            expect(message.messageText).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
            items.push(JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8')));
        }
    }
}

describe('queue work queue', () => {
    it('creates the queue and sends one base64 JSON message per part', async () => {
        const queue = queueClient('hub-parts');
        const items: PartWorkItem[] = Array.from({ length: 20 }, (_, index) => ({
            scope: 'subscriptions/ä',
            runId: 'run-ä/1',
            index,
        }));
        await createQueueWorkQueue(queue).enqueue(items);

        const received = (await drain(queue)) as PartWorkItem[];
        expect(received.sort((a, b) => a.index - b.index)).toStrictEqual(items);
    });

    it('sends nothing for an empty batch and reuses an existing queue', async () => {
        const queue = queueClient('hub-parts-empty');
        await queue.create();
        const work = createQueueWorkQueue(queue);
        await work.enqueue([]);
        await work.enqueue([{ scope: 's', runId: 'r', index: 0 }]);
        await expect(drain(queue)).resolves.toStrictEqual([{ scope: 's', runId: 'r', index: 0 }]);
    });

    it('encodes only the work item fields', () => {
        const extra = { scope: 's', runId: 'r', index: 3, note: 'x' } as PartWorkItem;
        expect(Buffer.from(encodeWorkItem(extra), 'base64').toString('utf8')).toBe(
            '{"scope":"s","runId":"r","index":3}',
        );
    });
});

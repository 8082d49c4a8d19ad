import { InputError } from '../errors';
import { decodedMessage } from './decodedMessage';

/** What the blob trigger's poison message names: the blob whose trigger gave up, and its container. */
export interface TriggerPoison {
    container: string;
    blobName: string;
}

/**
 * Validates a message of the blob trigger's poison queue (`webjobs-blobtrigger-poison`, written by the Functions host
 * after `poisonBlobThreshold` failed attempts: `{"Type":"BlobTrigger","FunctionId":…,"ContainerName":…,"BlobName":…}`,
 * already JSON-decoded by the host, or raw text).
 */
export function parseTriggerPoison(message: unknown): TriggerPoison {
    const poison = decodedMessage(message) as { ContainerName?: unknown; BlobName?: unknown } | undefined;
    if (typeof poison?.ContainerName !== 'string' || typeof poison.BlobName !== 'string' || poison.BlobName === '') {
        const text = JSON.stringify(message) ?? String(message);
        throw new InputError(
            'WorkItemInvalid',
            `Queue message is not a blob trigger's poison message: ${text.slice(0, 300)}`,
        );
    }
    return { container: poison.ContainerName, blobName: poison.BlobName };
}

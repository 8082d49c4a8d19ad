import { InputError } from '../errors';
import { isScope, RUN_ID_PATTERN } from '../focus/runRef';
import { decodedMessage } from './decodedMessage';
import { PartWorkItem } from './ports';

/**
 * Validates a queue message (already JSON-decoded by the host, or raw text) as a part work item: the run id and scope
 * follow the rules manifests are held to, the index is a whole number.
 */
export function parseWorkItem(message: unknown): PartWorkItem {
    const item = decodedMessage(message) as Partial<PartWorkItem> | undefined;
    if (
        typeof item?.runId !== 'string' ||
        !RUN_ID_PATTERN.test(item.runId) ||
        typeof item.scope !== 'string' ||
        !isScope(item.scope) ||
        !Number.isInteger(item.index) ||
        (item.index ?? -1) < 0
    ) {
        const text = JSON.stringify(message) ?? String(message);
        throw new InputError('WorkItemInvalid', `Queue message is not a part work item: ${text.slice(0, 300)}`);
    }
    return { scope: item.scope, runId: item.runId, index: item.index as number };
}

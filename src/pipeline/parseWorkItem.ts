import { InputError } from '../errors';
import { PartWorkItem } from './ports';

/** Validates a queue message (already JSON-decoded by the host, or raw text) as a part work item. */
export function parseWorkItem(message: unknown): PartWorkItem {
    let value = message;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        } catch {
            value = undefined;
        }
    }
    const item = value as Partial<PartWorkItem> | undefined;
    if (
        typeof item?.runId !== 'string' ||
        !/^[a-z0-9][a-z0-9-]{0,63}$/.test(item.runId) ||
        !Number.isInteger(item.index) ||
        (item.index ?? -1) < 0
    ) {
        throw new InputError('WorkItemInvalid', `Queue message is not a part work item: ${JSON.stringify(message)}`);
    }
    return { runId: item.runId, index: item.index as number };
}

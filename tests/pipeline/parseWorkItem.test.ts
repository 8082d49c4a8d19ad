import { parseWorkItem } from '../../src/pipeline/parseWorkItem';

describe('parseWorkItem', () => {
    const item = { scope: 'subscriptions/00000000-0000-0000-0000-000000000001', runId: 'b1c2-0f', index: 3 };

    it('accepts a decoded message or its JSON text, keeping only the work item fields', () => {
        expect(parseWorkItem({ ...item, extra: true })).toEqual(item);
        expect(parseWorkItem(JSON.stringify(item))).toEqual(item);
    });

    it.each([
        ['not JSON', '{'],
        ['no scope', { runId: item.runId, index: 0 }],
        ['a scope with ..', { ...item, scope: 'subscriptions/..' }],
        ['an upper-case scope', { ...item, scope: 'Subscriptions/x' }],
        ['a run id with a slash', { ...item, runId: 'a/b' }],
        ['an upper-case run id', { ...item, runId: 'ABC' }],
        ['a negative index', { ...item, index: -1 }],
        ['a fractional index', { ...item, index: 1.5 }],
        ['null', null],
    ])('rejects %s as WorkItemInvalid', (_case, message) => {
        expect(() => parseWorkItem(message)).toThrow(expect.objectContaining({ code: 'WorkItemInvalid' }));
    });
});

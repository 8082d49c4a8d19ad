import { loadFocusModel, loadRuleOverrides } from '../../../src/focus/validation';
import { childRuleIds } from '../../../src/focus/validation/focusModel';

describe('the shipped model and overrides', () => {
    const model = loadFocusModel();
    const overrides = loadRuleOverrides();

    test('loads the FOCUS 1.2 model with its 621 rules and 18 criteria', () => {
        expect(model.focusVersion).toBe('1.2');
        expect(model.rules.size).toBe(621);
        expect(model.criteria).toHaveLength(18);
        expect(model.roots[0]).toBe('CostAndUsage-D-000-M');
    });

    test('every rule is reachable from a root and every reference resolves', () => {
        const reached = new Set<string>();
        const visit = (id: string): void => {
            if (reached.has(id)) return;
            reached.add(id);
            const rule = model.rules.get(id);
            expect(rule).toBeDefined();
            for (const child of childRuleIds(rule?.ValidationCriteria.Requirement ?? {})) visit(child);
        };
        model.roots.forEach(visit);
        expect(reached.size).toBe(model.rules.size);
    });

    test('every override names a model rule and gives a reason', () => {
        for (const [id, override] of overrides.rules) {
            expect(model.rules.has(id)).toBe(true);
            expect(override.Reason.length).toBeGreaterThan(40);
        }
        expect([...overrides.functionReasons.keys()].sort()).toEqual([
            'ColumnByColumnEqualsColumnValue',
            'FormatString',
        ]);
        expect(overrides.settings).toEqual({ asciiOnly: false, absoluteTolerance: 0.0001, relativeTolerance: 0.0001 });
    });
});

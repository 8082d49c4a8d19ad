import { echoesLevelShift } from '../../../src/reports/anomalies/levelShiftEcho';
import { GPT_4O, testIncident } from '../../helpers/testIncident';

describe('echoesLevelShift', () => {
    const shift = testIncident(['2026-04-21', null], 'levelShift', '-900', GPT_4O);

    it('takes a change the same way in the same series, or one holding or held by it, days later for its echo', () => {
        for (const cause of [GPT_4O, { ...GPT_4O, x_TagCostCenter: 'cc-300' }, {}])
            expect(echoesLevelShift(testIncident(['2026-04-24', null], 'drop', '-300', cause), [shift], 7)).toBe(true);
    });

    it('takes a spike or drop on the day of the level shift for its echo, but not another level shift', () => {
        expect(echoesLevelShift(testIncident(['2026-04-21', null], 'drop', '-300', GPT_4O), [shift], 7)).toBe(true);
        expect(echoesLevelShift(testIncident(['2026-04-21', null], 'levelShift', '-300', GPT_4O), [shift], 7)).toBe(
            false,
        );
    });

    it('leaves alone a change of another series, the other way, before it or after its level has caught up', () => {
        const other = { ...GPT_4O, x_ModelId: 'gpt-4.1' };
        expect(echoesLevelShift(testIncident(['2026-04-24', null], 'drop', '-300', other), [shift], 7)).toBe(false);
        expect(echoesLevelShift(testIncident(['2026-04-24', null], 'spike', '300', GPT_4O), [shift], 7)).toBe(false);
        expect(echoesLevelShift(testIncident(['2026-04-19', null], 'drop', '-300', GPT_4O), [shift], 7)).toBe(false);
        expect(echoesLevelShift(testIncident(['2026-04-29', null], 'drop', '-300', GPT_4O), [shift], 7)).toBe(false);
        expect(echoesLevelShift(shift, [shift], 7)).toBe(false);
        expect(
            echoesLevelShift(
                testIncident(['2026-04-24', null], 'drop', '-300', { x_TagCostCenter: 'cc-1' }),
                [shift],
                7,
            ),
        ).toBe(false);
    });
});

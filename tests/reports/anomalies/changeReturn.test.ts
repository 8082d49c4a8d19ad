import { returnsFrom } from '../../../src/reports/anomalies/changeReturn';
import { GPT_4O, testIncident } from '../../helpers/testIncident';

describe('returnsFrom', () => {
    // A spike of gpt-4o from Wednesday 2026-04-15 to Friday 2026-04-17.
    const spike = testIncident(['2026-04-15', '2026-04-17'], 'spike', '900');

    it('takes a change the other way, in the same series or one holding or held by it, up to 3 days later for its return', () => {
        for (const cause of [GPT_4O, { ...GPT_4O, x_TagCostCenter: 'cc-300' }, {}]) {
            expect(returnsFrom(testIncident(['2026-04-20', null], 'levelShift', '-4000', cause), [spike], 3)).toBe(
                true,
            );
            expect(returnsFrom(testIncident(['2026-04-18', '2026-04-18'], 'drop', '-200', cause), [spike], 3)).toBe(
                true,
            );
        }
    });

    it("leaves alone a change the same way, of another series, on the spike's days or later than 3 days after it", () => {
        const other = { ...GPT_4O, x_ModelId: 'gpt-4.1' };
        expect(returnsFrom(testIncident(['2026-04-20', null], 'levelShift', '4000'), [spike], 3)).toBe(false);
        expect(returnsFrom(testIncident(['2026-04-20', null], 'levelShift', '-4000', other), [spike], 3)).toBe(false);
        expect(returnsFrom(testIncident(['2026-04-17', '2026-04-17'], 'drop', '-200'), [spike], 3)).toBe(false);
        expect(returnsFrom(testIncident(['2026-04-21', null], 'levelShift', '-4000'), [spike], 3)).toBe(false);
    });

    it('leaves alone a change of untagged cost after a change of a model: neither series holds the other', () => {
        const untagged = { x_TagCostCenter: null };
        expect(returnsFrom(testIncident(['2026-04-18', '2026-04-18'], 'drop', '-200', untagged), [spike], 3)).toBe(
            false,
        );
        const untaggedDrop = testIncident(['2026-04-15', '2026-04-17'], 'drop', '-900', untagged);
        expect(returnsFrom(testIncident(['2026-04-18', '2026-04-18'], 'spike', '200'), [untaggedDrop], 3)).toBe(false);
    });

    it('takes nothing for the return of a level shift or of a change still going on', () => {
        const shift = testIncident(['2026-04-15', null], 'levelShift', '900');
        const ongoing = testIncident(['2026-04-15', null], 'spike', '900');
        for (const change of [shift, ongoing])
            expect(returnsFrom(testIncident(['2026-04-18', null], 'levelShift', '-4000'), [change], 3)).toBe(false);
    });
});

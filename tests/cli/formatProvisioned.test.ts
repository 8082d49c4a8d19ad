import { formatProvisioned } from '../../src/cli/formatProvisioned';

// The provisioned table shows money rounded to cents from the exact decimal text the JSON carries, never through a
// binary double (where 2.675 is 2.67499… and prints 2.67).
describe('the provisioned table', () => {
    it('prints cost, pay-as-you-go and savings in cents from their exact text', () => {
        const text = formatProvisioned([
            {
                account: 'a',
                deployment: 'd',
                deploymentType: 'Global',
                currency: 'USD',
                model: 'm',
                ptus: '1',
                ptuHours: '1',
                effectiveCost: '2.675',
                inputTokens: '0',
                outputTokens: '0',
                tokens: '0',
                effectiveCostPer1MTokens: '1.00005',
                utilization: null,
                paygEquivalentCost: '1.005',
                paygCurrency: 'USD',
                savings: '-1.67',
                breakEvenUtilization: null,
                flags: null,
            },
        ]);
        const line = text.split('\n')[1] ?? '';
        expect(line).toMatch(/ 2\.68 .* 1\.0001 .* 1\.01 USD +-1\.67 /);
    });
});

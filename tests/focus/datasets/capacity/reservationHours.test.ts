import { decimalDifference } from '../../../../src/focus/decimalSum';
import { ACCOUNT, type CostRow, hour, RESERVATION, runScenario, SCOPE, units } from '../../../helpers/capacityScenario';
import { batchBody, deploymentsPage, metric } from '../../../helpers/telemetryFolders';

// Unused reservation hours reach the deployments that used the reservation, exactly once, whichever published scopes
// hold them: one account, ptu-a (Global, 50 PTU) on a 60-PTU reservation at $0.36 per PTU-hour, 1,200 hours used
// ($432) and 240 unused ($86.40) a day.

const PTU = [{ name: 'ptu-a', sku: 'GlobalProvisionedManaged', capacity: 50 }];
const tokens = (days: number[]) =>
    batchBody(
        ['InputTokens', 'OutputTokens'].map((name) =>
            metric(name, [
                {
                    dimensions: { modeldeploymentname: 'ptu-a', modelname: 'gpt-4o' },
                    points: days.map((d) => ({ timeStamp: hour(d, 4), total: 1_000_000 })),
                },
            ]),
        ),
    );
const used = (day: string, extra: Partial<CostRow> = {}): CostRow => ({
    day,
    account: ACCOUNT,
    commitment: RESERVATION,
    status: 'Used',
    quantity: '1200',
    effective: '432',
    billed: '0',
    ...extra,
});
const unused = (day: string, extra: Partial<CostRow> = {}): CostRow => ({
    ...used(day),
    account: RESERVATION,
    status: 'Unused',
    quantity: '240',
    effective: '86.4',
    ...extra,
});
// Amounts compare as text of units of 10^-18 (a BigInt cannot cross jest's workers in a failure report).
const ptuCost = (rows: Record<string, unknown>[]) =>
    units(
        rows.filter((r) => r.x_DeploymentName === 'ptu-a'),
        'EffectiveCost',
    ).toString();
const cents = (value: number) => (BigInt(value) * 10n ** 16n).toString();

describe('unused reservation hours', () => {
    it('reach the deployment with the hours used, and CostAllocation holds them all', async () => {
        const t = await runScenario({
            bodies: [deploymentsPage(PTU), tokens([1, 2])],
            costs: [
                {
                    scope: 'billingAccounts/ba1',
                    rows: [used('2026-10-01'), unused('2026-10-01'), used('2026-10-02'), unused('2026-10-02')],
                },
            ],
        });
        expect(ptuCost(t.provisioned)).toBe(cents(103680));
        expect(units(t.allocation, 'EffectiveCost').toString()).toBe(cents(103680));
    });

    it('are read from the billing account when the subscription publishes its own export without them', async () => {
        // Bought from a central subscription: its Unused rows are in the billing account's export only.
        const central = '/subscriptions/99999999-0000-4000-8000-000000000000';
        const t = await runScenario({
            bodies: [deploymentsPage(PTU), tokens([1, 2])],
            costs: [
                {
                    scope: 'billingAccounts/ba1',
                    rows: [
                        used('2026-10-01'),
                        unused('2026-10-01', { subAccount: central }),
                        used('2026-10-02'),
                        unused('2026-10-02', { subAccount: central }),
                    ],
                },
                { scope: SCOPE, rows: [used('2026-10-01'), used('2026-10-02')] },
            ],
        });
        expect(ptuCost(t.provisioned)).toBe(cents(103680));
    });

    it('count once when a reservation is shared across subscriptions and one publishes its own export', async () => {
        // Bought from A, used half by A and half by B; A's own export holds A's use and the Unused rows, B has none.
        const b = 'bbbbbbbb-0000-4000-8000-00000000bb02';
        const bAccount = `/subscriptions/${b}/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/aoai-b`;
        const a = `/${SCOPE}`;
        const half = { day: '2026-10-01', quantity: '600', effective: '216' };
        const usedA = used('2026-10-01', { ...half, subAccount: a });
        const usedB = used('2026-10-01', { ...half, account: bAccount, subAccount: `/subscriptions/${b}` });
        const unusedRow = unused('2026-10-01', { subAccount: a });
        const costs = [
            { scope: 'billingAccounts/ba1', rows: [usedA, usedB, unusedRow] },
            { scope: SCOPE, rows: [usedA, unusedRow] },
        ];
        const bodies = [deploymentsPage([{ ...PTU[0]!, capacity: 25 }]), tokens([1])];
        const snapshotTime = '2026-10-02T02:00:00Z';
        const forA = await runScenario({ bodies, costs, snapshotTime });
        const forB = await runScenario({ bodies, costs, snapshotTime, scope: `subscriptions/${b}` });
        const unusedA = units(forA.provisioned, 'x_UnusedReservationCost').toString();
        const unusedB = units(forB.provisioned, 'x_UnusedReservationCost').toString();
        expect([unusedA, unusedB]).toEqual([cents(4320), cents(4320)]);
    });

    it('are kept when the Unused row has no resource id, or writes the reservation id in another case', async () => {
        const upper = RESERVATION.replace(
            'microsoft.capacity/reservationorders',
            'Microsoft.Capacity/reservationOrders',
        );
        for (const variant of [{ account: null }, { commitment: upper }]) {
            const t = await runScenario({
                bodies: [deploymentsPage(PTU), tokens([1])],
                costs: [{ scope: 'billingAccounts/ba1', rows: [used('2026-10-01'), unused('2026-10-01', variant)] }],
            });
            expect([variant, ptuCost(t.provisioned)]).toEqual([variant, cents(51840)]);
        }
    });
});

describe('the provisioned summary', () => {
    it('prices tokens, pay-as-you-go and savings over the days billed only', async () => {
        // The bill holds the 1st; the 2nd has tokens but no bill yet (it lags the telemetry).
        const t = await runScenario({
            bodies: [deploymentsPage(PTU), tokens([1, 2])],
            costs: [{ scope: 'billingAccounts/ba1', rows: [used('2026-10-01'), unused('2026-10-01')] }],
        });
        const [row] = t.summary;
        expect(row?.tokens).toBe('4000000');
        expect(row?.effectiveCost).toBe('518.4');
        expect(Number(row?.effectiveCostPer1MTokens)).toBe(259.2);
        expect(row?.savings).toBe(decimalDifference(row?.paygEquivalentCost ?? '', '518.4'));
    });

    it("takes a day's utilization from the V2 metric where reported, as the daily rows do", async () => {
        const utilization = (name: string, average: number) =>
            metric(name, [
                {
                    dimensions: { modeldeploymentname: 'ptu-a' },
                    points: Array.from({ length: 24 }, (_, h) => ({ timeStamp: hour(1, h), average })),
                },
            ]);
        const t = await runScenario({
            bodies: [
                deploymentsPage(PTU),
                tokens([1]),
                batchBody([
                    utilization('AzureOpenAIProvisionedManagedUtilizationV2', 40),
                    utilization('ProvisionedUtilization', 90),
                ]),
            ],
            costs: [{ scope: 'billingAccounts/ba1', rows: [used('2026-10-01'), unused('2026-10-01')] }],
            snapshotTime: '2026-10-02T02:00:00Z',
        });
        const day = t.provisioned.find((r) => r.x_DeploymentName === 'ptu-a');
        expect([day?.x_UtilizationMean, day?.x_UtilizationP95]).toEqual(['40.000000', '40.000000']);
        expect(t.summary[0]?.utilization).toEqual({ mean: '40.00', p95: '40.00' });
    });
});

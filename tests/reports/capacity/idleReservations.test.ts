import { join } from 'node:path';

import { registerAccountCosts } from '../../../src/focus/datasets/capacity/registerAccountCosts';
import { readIdleReservations } from '../../../src/reports/capacity/idleReservations';
import { ACCOUNT, type CostRow, RESERVATION, SCOPE, writeCosts } from '../../helpers/capacityScenario';
import { withConnection } from '../../helpers/withConnection';

// A reservation no deployment used all month is cost on no deployment line of AIProvisioned: `finops-hub provisioned`
// lists it from AIAccountCosts, once however many published scopes hold its Unused rows.

const IDLE = '/providers/microsoft.capacity/reservationorders/r9/reservations/r10';
const row = (day: string, commitment: string, status: string, extra: Partial<CostRow> = {}): CostRow => ({
    day,
    account: status === 'Used' ? ACCOUNT : commitment,
    commitment,
    status,
    quantity: '240',
    effective: '86.4',
    billed: '0',
    ...extra,
});

it('lists the reservations no deployment used, their unused hours and cost, counted once', async () => {
    await withConnection(async (connection, dir) => {
        const billingAccount = [
            row('2026-10-01', RESERVATION, 'Used', { quantity: '1200', effective: '432' }),
            row('2026-10-01', RESERVATION, 'Unused'),
            row('2026-10-01', IDLE, 'Unused', { quantity: '1440', effective: '518.400000000000000001' }),
            row('2026-10-02', IDLE.replace('microsoft.capacity', 'Microsoft.Capacity'), 'Unused', {
                quantity: '1440',
                effective: '518.4',
            }),
            row('2026-09-30', IDLE, 'Unused', { quantity: '1440', effective: '518.4' }),
        ];
        // The purchasing subscription's own export holds the idle reservation's Unused rows again.
        const subscription = billingAccount.filter((r) => r.status === 'Unused' && r.commitment !== RESERVATION);
        const files = [];
        for (const [scope, rows] of [
            ['providers/microsoft.billing/billingaccounts/ba1', billingAccount],
            [SCOPE, subscription],
        ] as const) {
            const path = join(dir, `${files.length}.parquet`);
            await writeCosts(connection, path, rows);
            files.push({ path, scope });
        }
        await registerAccountCosts(connection, files);
        expect(await readIdleReservations(connection, '2026-10')).toEqual([
            { reservation: IDLE, currency: 'USD', unusedHours: '2880', unusedCost: '1036.800000000000000001' },
        ]);
        expect(await readIdleReservations(connection, '2026-11')).toEqual([]);
    });
});

import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { findIncidents } from '../../../src/reports/anomalies/findIncidents';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { structural } from '../../../src/reports/anomalies/structural';
import { dailySeries } from '../../helpers/dailySeries';
import { withConnection } from '../../helpers/withConnection';

/**
 * Two subscriptions billing the same model and tags for 100 days from 2026-01-01, with a gentle weekly wobble; from day
 * 70 on, one of them changes: `b` says what subscription B costs on day `i` (0 = no rows).
 */
const HISTORY = (b: string) => `
    create or replace temp view ai_unit_economics as
    with days as (select i, ('2026-01-01'::date + i::int) as d from range(100) as r(i)),
    subs as (
        select i, d, '/subscriptions/a' as sub, 100 * (1 + 0.03 * sin(i * 1.7)) as cost from days
        union all
        select i, d, '/subscriptions/b', ${b} * (1 + 0.03 * sin(i * 2.3)) from days
    )
    select d as x_ChargeDate, 'USD' as BillingCurrency, sub as SubAccountId, 'gpt-4o' as x_ModelId,
        'Input' as x_TokenDirection, 'Global' as x_DeploymentType, '1001' as x_TagCostCenter,
        'chat' as x_TagApplication, 'prod' as x_TagEnvironment, (cost * 400000)::decimal(38, 6) as x_TokenCount,
        cost::decimal(38, 18) as EffectiveCost
    from subs where cost > 0`;

async function incidentsOf(b: string) {
    return withConnection(async (connection) => {
        await connection.run(HISTORY(b));
        const series = await queryDailySeries(connection, { from: '2026-01-01', through: '2026-04-10' });
        const { incidents } = findIncidents(series, '2026-03-01', ANOMALY_PARAMS);
        return incidents.map((i) => [i.start, i.kind, i.metric, Math.sign(Number(i.impact))]);
    });
}

describe('a subscription starting or stopping', () => {
    it('is no incident when its data starts or stops', async () => {
        expect(await incidentsOf('case when i >= 70 then 100 else 0 end')).toEqual([]);
        expect(await incidentsOf('case when i < 70 then 100 else 0 end')).toEqual([]);
    });

    it('is one when a subscription that was there changes level', async () => {
        expect(await incidentsOf('case when i >= 70 then 300 else 100 end')).toEqual([
            ['2026-03-12', 'levelShift', 'EffectiveCost', 1],
        ]);
    });
});

describe('an incident during which a subscription stops', () => {
    // Subscription b (50 a day) stops after day 71; the incident is a dip of 30 on day 70 and what the cell lost since.
    const b = Array.from({ length: 80 }, (_, i) => (i <= 71 ? 50 : 0));
    const cell = dailySeries(
        'cell',
        b.map((cost, i) => 50 + cost - (i === 70 ? 30 : 0)),
    );
    const impact = {
        dimensions: cell.dimensions,
        impact: '-180',
        deviation: -180,
        expected: 500,
        noise: 10,
        days: [{ deviation: -180, expected: 500, noise: 10 }],
        errorShare: 0,
    };
    const days = { first: 70, last: 74, sign: -1, lag: 4 };

    it('is no incident when most of its drop is the subscription stopping on its days', () => {
        const finest = { cells: [cell], sources: [dailySeries('source', b)] };
        expect(structural({ x_ModelId: 'gpt-4o' }, finest, [impact], days)).toBe(true);
    });

    it('is one when the subscription goes on', () => {
        const finest = {
            cells: [cell],
            sources: [
                dailySeries(
                    'source',
                    b.map(() => 50),
                ),
            ],
        };
        expect(structural({ x_ModelId: 'gpt-4o' }, finest, [impact], days)).toBe(false);
    });
});

import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { findIncidents } from '../../../src/reports/anomalies/findIncidents';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
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

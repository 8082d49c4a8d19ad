import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { modelSeries } from '../../../src/reports/report/modelSeries';
import { withConnection } from '../../helpers/withConnection';

/** Two currencies from different first days (EUR from 09-03), a model left null, rows without counted tokens. */
const ROWS = `
    select
        ('2026-09-01'::date + (i % 40)::int + case when c.currency = 'EUR' then 2 else 0 end) as x_ChargeDate,
        c.currency as BillingCurrency,
        m.model as x_ModelId, m.direction as x_TokenDirection, m.deployment as x_DeploymentType,
        'cc-' || (i % 2) as x_TagCostCenter, null::varchar as x_TagApplication, null::varchar as x_TagEnvironment,
        case when m.model is null or i % 7 = 0 then null else (1000 + i)::decimal(38, 6) end as x_TokenCount,
        ((i * 13 % 97) / 7.0 + 1)::decimal(38, 18) as EffectiveCost
    from range(0, 120) as r(i)
    cross join (values ('USD'), ('EUR')) as c(currency)
    cross join (values ('gpt-4o', 'Input', 'Global'), ('o3', 'Output', 'Global'), (null, null, 'Provisioned'))
        as m(model, direction, deployment)`;

describe('modelSeries', () => {
    it("draws the detector's model series of one currency, from the first day any of them has cost", async () => {
        await withConnection(async (connection) => {
            await connection.run(`create table ai_unit_economics as ${ROWS}`);
            const judged = (await queryDailySeries(connection, { from: '2026-08-01', through: '2026-10-31' })).filter(
                (s) => s.grain === 'level',
            );
            const eur = modelSeries(judged, 'EUR');
            expect(eur.map((s) => s.dimensions.x_ModelId)).toEqual(['gpt-4o', 'o3', null]);
            expect(eur.every((s) => s.currency === 'EUR' && s.dates[0] === '2026-09-03')).toBe(true);
            const source = judged.find((s) => s.currency === 'EUR' && s.dimensions.x_ModelId === 'o3');
            const o3 = eur[1];
            expect(o3?.effectiveCost).toEqual(source?.effectiveCost.slice(source.dates.indexOf('2026-09-03')));
            expect(o3?.costPerMillion.length).toBe(o3?.dates.length);
            expect(modelSeries(judged, 'USD')[0]?.dates[0]).toBe('2026-09-01');
            expect(modelSeries(judged, 'GBP')).toEqual([]);
        });
    });
});

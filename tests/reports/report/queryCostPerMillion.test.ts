import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { queryCostPerMillion } from '../../../src/reports/report/queryCostPerMillion';
import { withConnection } from '../../helpers/withConnection';

/**
 * AIUnitEconomics rows over September and October in two currencies, with what makes series awkward: EUR runs five
 * days past USD's last day, days without rows, a model and tags left null, rows without counted tokens, zero tokens.
 */
const ROWS = `
    select
        d::date as x_ChargeDate,
        c.currency as BillingCurrency,
        m.model as x_ModelId,
        m.direction as x_TokenDirection,
        m.deployment as x_DeploymentType,
        case when i % 3 = 0 then null else 'cc-' || (i % 2) end as x_TagCostCenter,
        'app' as x_TagApplication,
        case when i % 5 = 0 then 'prod' else null end as x_TagEnvironment,
        case when m.model is null or i % 7 = 0 then null
            when i % 11 = 0 then 0
            else (1000 + i * 37 % 900)::decimal(38, 6) end as x_TokenCount,
        ((i * 13 % 97) / 7.0)::decimal(38, 18) as EffectiveCost
    from range(0, 200) as r(i)
    cross join (values ('USD'), ('EUR')) as c(currency)
    cross join (values
        ('gpt-4o', 'Input', 'Global'), ('gpt-4o', 'Output', 'Global'), ('o3', 'Input', 'Data Zone'),
        (null, null, 'Provisioned')
    ) as m(model, direction, deployment)
    cross join lateral (select '2026-09-01'::date + (i % (case when c.currency = 'USD' then 50 else 55 end))::int as d)
    where (i + length(coalesce(m.model, ''))) % 4 <> 0`;

describe('queryCostPerMillion', () => {
    it("returns the detector's model-level series of the currency, value for value and in its order", async () => {
        await withConnection(async (connection) => {
            await connection.run(`create table ai_unit_economics as ${ROWS}`);
            const range = { from: '2026-08-01', through: '2026-10-31' };
            const all = await queryDailySeries(connection, range);
            for (const currency of ['USD', 'EUR', 'GBP']) {
                const expected = all.filter(
                    (s) => s.grain === 'level' && s.currency === currency && 'x_ModelId' in s.dimensions,
                );
                const series = await queryCostPerMillion(connection, { currency, ...range });
                expect(series).toEqual(expected);
                if (currency !== 'GBP') expect(series.length).toBe(4);
            }
            // USD series run to the last charge day of any currency (EUR's), as every detector series does.
            const usd = await queryCostPerMillion(connection, { currency: 'USD', ...range });
            expect(usd[0]?.dates.at(-1)).toBe('2026-10-25');
            // From the first day read, days without rows costing 0; a series without a model is still one.
            expect(usd[0]?.dates[0]).toBe('2026-08-01');
            expect(usd[0]?.effectiveCost[0]).toBe('0.000000000000000000');
            expect(usd.some((s) => s.dimensions.x_ModelId === null && s.costPerMillion.every((v) => v === null))).toBe(
                true,
            );
        });
    });
});

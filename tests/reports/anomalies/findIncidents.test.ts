import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { findIncidents } from '../../../src/reports/anomalies/findIncidents';
import { queryDailySeries } from '../../../src/reports/anomalies/queryDailySeries';
import { corpusHistory, loadCorpusHistory } from '../../helpers/anomalyCorpus';
import { withConnection } from '../../helpers/withConnection';

/**
 * 100 days from 2026-01-01 of gpt-4o input billed to one cost center (tokens ±3 % a day) and of gpt-4.1 output billed
 * to 20 others (cost ±15 % a day, a fixed pseudo-random draw): `price` is gpt-4o input's price per 1M tokens on day `i`.
 */
const HISTORY = (price: string) => `
    create or replace temp view ai_unit_economics as
    with days as (select i, ('2026-01-01'::date + i::int) as d from range(100) as r(i)),
    noisy as (
        select i, d, c, 1 + 0.3 * ((hash(i * 97 + c) % 1000) / 1000.0 - 0.5) as wobble
        from days, range(21) as r(c)
    ),
    rows as (
        select d, 'gpt-4o' as model, 'Input' as direction, 'cc-0' as cc,
            40000000 * (1 + 0.1 * (wobble - 1)) as tokens, ${price} as price
        from noisy where c = 0
        union all
        select d, 'gpt-4.1', 'Output', 'cc-' || c, 12500000 * wobble, 8 from noisy where c > 0
    )
    select d as x_ChargeDate, 'USD' as BillingCurrency, '/subscriptions/a' as SubAccountId, model as x_ModelId,
        direction as x_TokenDirection, 'Global' as x_DeploymentType, cc as x_TagCostCenter, 'chat' as x_TagApplication,
        'prod' as x_TagEnvironment, tokens::decimal(38, 6) as x_TokenCount,
        (tokens * price / 1e6)::decimal(38, 18) as EffectiveCost
    from rows`;

async function incidentsOf(price: string) {
    return withConnection(async (connection) => {
        await connection.run(HISTORY(price));
        const series = await queryDailySeries(connection, { from: '2026-01-01', through: '2026-04-10' });
        const { incidents } = findIncidents(series, '2026-03-01', ANOMALY_PARAMS);
        return incidents.map((i) => [i.start, i.kind, i.metric, i.rootCauses[0]?.dimensions]);
    });
}

describe('a unit price that changes and stays', () => {
    it('is one price change of its model, however much noise other models add up to', async () => {
        expect(await incidentsOf('case when i >= 85 then 3.625 else 2.5 end')).toEqual([
            [
                '2026-03-27',
                'levelShift',
                'EffectiveCostPerMillionTokens',
                { x_ModelId: 'gpt-4o', x_TokenDirection: 'Input', x_DeploymentType: 'Global' },
            ],
        ]);
    });
});

describe('a drop flagged in two series that do not hold each other', () => {
    // Corpus histories (tuning seeds): one finest series drops for 2–3 days; its model is flagged, and on one of those
    // days so is another model, whose incident is explained by the same finest series.
    it.each([
        [37, '2026-02-20', '2026-02-21'],
        [77, '2026-02-23', '2026-02-25'],
    ])('is one incident (seed %i)', async (seed, first, last) => {
        const incidents = await withConnection(async (connection) => {
            const history = corpusHistory(seed);
            await loadCorpusHistory(connection, history);
            const series = await queryDailySeries(connection, { from: history.start, through: '2026-12-31' });
            return findIncidents(series, history.start, ANOMALY_PARAMS).incidents;
        });
        const during = incidents.filter((i) => i.start >= first && i.start <= last);
        expect(during.map((i) => [i.start, i.kind, i.end])).toEqual([[first, 'drop', last]]);
    });
});

describe('a level shift of one finest series', () => {
    it('is found by its cause over the days that made it one, when one day of it is within the series own noise', async () => {
        // gpt-4.1 output, one finest series (cost ±15 % a day), rises ×1.6 on 2026-03-24 and stays: its series flags
        // the day at 7.25, but that one day's rise is under 6 × the finest series' noise and its expectation's error
        // (the root-cause bar); over its first 4 days, whose noise partly cancels, it is above.
        const history = HISTORY('2.5').replace(
            '12500000 * wobble, 8 from noisy where c > 0',
            '12500000 * wobble * (case when i >= 82 then 1.6 else 1 end), 8 from noisy where c = 1',
        );
        const found = await withConnection(async (connection) => {
            await connection.run(history);
            const series = await queryDailySeries(connection, { from: '2026-01-01', through: '2026-04-10' });
            return findIncidents(series, '2026-03-01', ANOMALY_PARAMS).incidents;
        });
        expect(found.map((i) => [i.start, i.kind, i.metric, i.rootCauses[0]?.dimensions])).toEqual([
            [
                '2026-03-24',
                'levelShift',
                'EffectiveCost',
                { x_ModelId: 'gpt-4.1', x_TokenDirection: 'Output', x_DeploymentType: 'Global' },
            ],
        ]);
    });
});

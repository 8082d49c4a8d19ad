import { ANOMALY_PARAMS } from '../../../src/reports/anomalies/anomalyParams';
import { CellImpact, rootCauses } from '../../../src/reports/anomalies/rootCauses';

/** A finest series: model, direction, cost center, application; expected cost, its deviation and noise over one day. */
function cell(
    model: string,
    costCenter: string,
    application: string,
    expected: number,
    deviation: number,
    noise = expected * 0.05,
): CellImpact {
    return {
        dimensions: {
            x_ModelId: model,
            x_TokenDirection: 'Input',
            x_DeploymentType: 'Global',
            x_TagCostCenter: costCenter,
            x_TagApplication: application,
            x_TagEnvironment: 'prod',
        },
        impact: deviation.toFixed(6),
        deviation,
        expected,
        noise,
        days: [{ deviation, expected, noise }],
        errorShare: 0,
    };
}

const quiet = (m: string, cc: string, app: string, expected: number, k: number) =>
    cell(m, cc, app, expected, expected * 0.02 * Math.sin(k));

describe('rootCauses', () => {
    it('names the one tag combination of one model that moved, with the columns that single it out', () => {
        const cells = [
            cell('gpt-4o', 'cc-100', 'chat', 400, 800),
            quiet('gpt-4o', 'cc-200', 'agents', 300, 1),
            quiet('gpt-4.1', 'cc-100', 'chat', 200, 2),
            quiet('gpt-4.1', 'cc-200', 'agents', 250, 3),
        ];
        const found = rootCauses(cells, cells, { sign: 1 }, ANOMALY_PARAMS);
        expect(found.rootCauses).toEqual([
            {
                dimensions: {
                    x_ModelId: 'gpt-4o',
                    x_TokenDirection: 'Input',
                    x_DeploymentType: 'Global',
                    x_TagCostCenter: 'cc-100',
                },
                impact: '800',
                share: 1,
            },
        ]);
        expect(found.impact).toBe('800');
        expect(found.score).toBeGreaterThan(ANOMALY_PARAMS.minCauseScore);
    });

    it('names the model when it moved for every team in proportion (a new unit price)', () => {
        const cells = [
            cell('gpt-4o', 'cc-100', 'chat', 400, 200),
            cell('gpt-4o', 'cc-200', 'agents', 300, 150),
            quiet('gpt-4.1', 'cc-100', 'chat', 200, 2),
            quiet('gpt-4.1', 'cc-200', 'agents', 250, 3),
        ];
        expect(rootCauses(cells, cells, { sign: 1 }, ANOMALY_PARAMS).rootCauses.map((c) => c.dimensions)).toEqual([
            { x_ModelId: 'gpt-4o', x_TokenDirection: 'Input', x_DeploymentType: 'Global' },
        ]);
    });

    it('names all AI cost when everything moved in proportion, and ranks two causes by their share', () => {
        const all = [
            cell('gpt-4o', 'cc-100', 'chat', 400, -200),
            cell('gpt-4o', 'cc-200', 'agents', 300, -150),
            cell('gpt-4.1', 'cc-100', 'chat', 200, -100),
        ];
        expect(rootCauses(all, all, { sign: -1 }, ANOMALY_PARAMS).rootCauses).toEqual([
            { dimensions: {}, impact: '-450', share: 1 },
        ]);
        const two = [
            cell('gpt-4o', 'cc-100', 'chat', 400, 300),
            quiet('gpt-4o', 'cc-200', 'agents', 300, 1),
            cell('gpt-4.1', 'cc-200', 'agents', 200, 600),
            quiet('gpt-4.1', 'cc-100', 'chat', 250, 3),
        ];
        const found = rootCauses(two, two, { sign: 1 }, ANOMALY_PARAMS);
        expect(found.rootCauses.map((c) => [c.dimensions.x_ModelId, c.impact, c.share])).toEqual([
            ['gpt-4.1', '600', 0.667],
            ['gpt-4o', '300', 0.333],
        ]);
        expect(found.impact).toBe('900');
    });

    it('does not blame a series that moved the other way at the same time (a move from one model to another)', () => {
        const cells = [
            cell('gpt-4.1-mini', 'cc-300', 'support', 100, -90),
            cell('gpt-5-mini', 'cc-300', 'support', 5, 60),
            quiet('gpt-4o', 'cc-100', 'chat', 400, 1),
        ];
        expect(
            rootCauses(cells, cells, { sign: -1 }, ANOMALY_PARAMS).rootCauses.map((c) => c.dimensions.x_ModelId),
        ).toEqual(['gpt-4.1-mini']);
    });

    it('seeks causes only among the series the incident was seen in', () => {
        // gpt-4.1 still shows a drop its expectation has not caught up with; the incident was seen in gpt-4o only.
        const cells = [
            cell('gpt-4.1', 'cc-300', 'research', 400, -300),
            cell('gpt-4o', 'cc-100', 'chat', 300, -120),
            quiet('gpt-4o', 'cc-200', 'agents', 250, 1),
        ];
        const seen = (c: CellImpact) => c.dimensions.x_ModelId === 'gpt-4o';
        expect(rootCauses(cells, cells, { sign: -1 }, ANOMALY_PARAMS).rootCauses[0]?.dimensions.x_ModelId).toBe(
            'gpt-4.1',
        );
        expect(rootCauses(cells, cells, { sign: -1, seen }, ANOMALY_PARAMS).rootCauses).toEqual([
            {
                dimensions: { x_TagCostCenter: 'cc-100' },
                impact: '-120',
                share: 1,
            },
        ]);
    });

    it('names the model when it rose several-fold for every team, each by its own noise at the new level', () => {
        // o3 ×4 for three teams: each team's relative noise, at the new level, moves its rate far from the others'.
        const team = (costCenter: string, expected: number, deviation: number, noise: number) =>
            cell('o3', costCenter, 'chat', expected, deviation, noise);
        const cells = [
            team('cc-100', 30, 114, 2),
            team('cc-200', 40, 80, 6.5),
            team('cc-300', 80, 90, 25),
            quiet('gpt-4o', 'cc-100', 'chat', 470, 1),
        ];
        expect(rootCauses(cells, cells, { sign: 1 }, ANOMALY_PARAMS).rootCauses.map((c) => c.dimensions)).toEqual([
            { x_ModelId: 'o3', x_TokenDirection: 'Input', x_DeploymentType: 'Global' },
        ]);
    });

    it('scores a cause over the days it moved, not the quiet days of other series linked to the incident', () => {
        // A team's gpt-5 halves on days 1–2; another series' change drew the incident out to day 4. Summed over all
        // four days with each day's noise and a 5 % expectation error, its move is under the bar; over days 1–2, not.
        const day = (deviation: number) => ({ deviation, expected: 218, noise: 12 });
        const days = [day(-90), day(-86), day(3), day(-2)];
        const moved: CellImpact = {
            ...cell('gpt-5', 'cc-300', 'research', 872, -175),
            noise: Math.hypot(24, 0.05 * 872),
            days,
            errorShare: 0.05,
        };
        const cells = [moved, quiet('gpt-4o', 'cc-100', 'chat', 1600, 1)];
        const found = rootCauses(cells, cells, { sign: -1 }, ANOMALY_PARAMS);
        expect(found.rootCauses.map((c) => [c.dimensions.x_ModelId, c.impact])).toEqual([['gpt-5', '-175']]);
        expect(found.score).toBeGreaterThan(ANOMALY_PARAMS.minCauseScore);
        const wholeSpan = Math.log(1 - 175 / 872) / Math.log1p(Math.hypot(24, 0.05 * 872) / 872);
        expect(Math.abs(wholeSpan)).toBeLessThan(ANOMALY_PARAMS.minCauseScore);
    });
});

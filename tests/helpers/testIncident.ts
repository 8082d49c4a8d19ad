import type { Incident } from '../../src/reports/anomalies/incident';

export const GPT_4O = { x_ModelId: 'gpt-4o', x_TokenDirection: 'Input', x_DeploymentType: 'Global' };

/** An incident of cost from `days` [start, end (null: ongoing)] with one root cause, `cause` (gpt-4o input). */
export function testIncident(
    days: [string, string | null],
    kind: Incident['kind'],
    impact: string,
    cause: Record<string, string | null> = GPT_4O,
): Incident {
    const [start, end] = days;
    return {
        id: `${start}-${kind}`,
        currency: 'USD',
        start,
        end,
        kind,
        metric: 'EffectiveCost',
        impact,
        peakScore: 9,
        rootCauses: [{ dimensions: cause, impact, share: 1 }],
    };
}

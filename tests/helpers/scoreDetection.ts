import type { Anomaly, AnomalyMetric } from '../../src/reports/anomalies/detectAnomalies';
import type { DailySeries } from '../../src/reports/anomalies/queryDailySeries';
import type { InjectedEvent, SyntheticHistory, SyntheticSeries } from './syntheticHistory';

/** Days after the onset of a level shift or price change that count as transition (neither hit nor false alarm). */
export const TRANSITION_DAYS = 6;
/** A level shift or price change counts as detected when flagged within this many days of its onset. */
export const SHIFT_DETECTION_DAYS = 2;

export interface DetectionScore {
    events: Record<InjectedEvent['kind'], { injected: number; detected: number }>;
    falsePositives: number;
    cleanSeriesDays: number;
}

/** The synthetic series a daily series sums (its dimensions pick them out of the history). */
function members(history: SyntheticHistory, series: DailySeries): SyntheticSeries[] {
    const d = series.dimensions;
    return history.series.filter(
        (s) =>
            (!('x_ModelId' in d) || (d.x_ModelId === s.model && d.x_TokenDirection === s.direction)) &&
            (!('x_TagCostCenter' in d) || d.x_TagCostCenter === s.costCenter) &&
            (!('x_TagApplication' in d) || d.x_TagApplication === s.application) &&
            (!('x_TagEnvironment' in d) || d.x_TagEnvironment === s.environment),
    );
}

/** Days an event touches in a series of `metric`: its day, or its onset and transition for persistent changes. */
function touched(event: InjectedEvent, metric: AnomalyMetric, isModelSeries: boolean): number[] {
    if (isModelSeries && metric === 'EffectiveCostPerMillionTokens' && event.kind !== 'priceChange') return [];
    if (event.kind === 'spike' || event.kind === 'drop') return [event.day];
    return Array.from({ length: TRANSITION_DAYS + 1 }, (_, i) => event.day + i);
}

/**
 * Recall per injected kind, for events from `evaluateFrom` on (spikes and drops on their day, level shifts and price changes within
 * SHIFT_DETECTION_DAYS of their onset, in the right direction, on the series they were injected in) and false alarms:
 * flags on series-days from `evaluateFrom` that no injected event touches, over all such clean series-days.
 */
export function scoreDetection(
    history: SyntheticHistory,
    series: DailySeries[],
    anomalies: Anomaly[],
    evaluateFrom: number,
): DetectionScore {
    const dayOf = (date: string) => Math.round((Date.parse(date) - Date.parse(history.start)) / 86_400_000);
    const flagged = new Map(anomalies.map((a) => [`${a.metric}|${JSON.stringify(a.dimensions)}|${dayOf(a.date)}`, a]));
    const score: DetectionScore = {
        events: {
            spike: { injected: 0, detected: 0 },
            drop: { injected: 0, detected: 0 },
            levelShift: { injected: 0, detected: 0 },
            priceChange: { injected: 0, detected: 0 },
        },
        falsePositives: 0,
        cleanSeriesDays: 0,
    };
    for (const s of series) {
        const inSeries = members(history, s);
        const isModelSeries = 'x_ModelId' in s.dimensions;
        const ids = new Set(inSeries.map((m) => m.id));
        const events = history.events.filter((e) => ids.has(e.series));
        for (const metric of ['EffectiveCost', 'EffectiveCostPerMillionTokens'] as const) {
            const dirty = new Set(events.flatMap((e) => touched(e, metric, isModelSeries)));
            for (let day = evaluateFrom; day < s.dates.length; day++) {
                if (dirty.has(day)) continue;
                score.cleanSeriesDays++;
                if (flagged.has(`${metric}|${JSON.stringify(s.dimensions)}|${day}`)) score.falsePositives++;
            }
            if (!isModelSeries) continue;
            for (const event of events.filter((e) => e.day >= evaluateFrom)) {
                const judgedOn = event.kind === 'priceChange' ? 'EffectiveCostPerMillionTokens' : 'EffectiveCost';
                if (metric !== judgedOn) continue;
                const direction = event.factor > 1 ? 'spike' : 'drop';
                const window = event.kind === 'spike' || event.kind === 'drop' ? 0 : SHIFT_DETECTION_DAYS;
                const hit = Array.from({ length: window + 1 }, (_, i) => event.day + i).some(
                    (day) => flagged.get(`${metric}|${JSON.stringify(s.dimensions)}|${day}`)?.direction === direction,
                );
                score.events[event.kind].injected++;
                if (hit) score.events[event.kind].detected++;
            }
        }
    }
    return score;
}

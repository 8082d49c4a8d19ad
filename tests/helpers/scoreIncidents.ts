import type { Incident } from '../../src/reports/anomalies/incident';
import { inSeries } from '../../src/reports/anomalies/inSeries';
import type { CorpusCell, CorpusEvent, CorpusEventKind, CorpusHistory } from './anomalyCorpus';

/** Days after an event's first day within which a level shift or price change counts as found on time. */
export const SHIFT_LATE_DAYS = 2;
/**
 * A top root cause names the injected series when at least 70 % of its cost lies in that series, and it holds at
 * least half of that series' cost (the injected series, or the part of it that holds most of it).
 */
export const SAME_SERIES = { named: 0.7, target: 0.5 };

export const EVENT_KINDS: readonly CorpusEventKind[] = ['spike', 'drop', 'levelShift', 'priceChange'];

export interface CorpusScore {
    /** Per injected kind: events, and those found as one incident of the right kind, direction and top root cause. */
    events: Record<CorpusEventKind, { injected: number; found: number }>;
    /** Per reported kind (price changes apart): incidents, and those that are an injected event. */
    reported: Record<CorpusEventKind, { incidents: number; true: number }>;
    /** Incidents that are neither an injected event nor a series starting or stopping. */
    falseIncidents: number;
    /** Months of finest series judged (series-days ÷ 30). */
    seriesMonths: number;
    /** Readable lines for the events missed and the false incidents. */
    notes: string[];
}

/** The kind an incident reports, in the corpus's terms. */
function reportedKind(incident: Incident): CorpusEventKind {
    if (incident.kind === 'levelShift' && incident.metric === 'EffectiveCostPerMillionTokens') return 'priceChange';
    return incident.kind;
}

/** Cells a set of dimensions selects, weighted by their cost on `day`. */
function weightOf(cells: CorpusCell[], dimensions: Record<string, string | null>, day: number) {
    return new Map(
        cells
            .filter((c) => c.from <= day && c.to >= day && inSeries(dimensions, c.dimensions))
            .map((c) => [c.id, c.level * Math.exp(c.trend * day)]),
    );
}

/** Whether a root cause names the same series as `cells` (by cost held in common, both ways). */
function sameSeries(history: CorpusHistory, dimensions: Record<string, string | null>, cells: number[], day: number) {
    const named = weightOf(history.cells, dimensions, day);
    const target = new Map([...weightOf(history.cells, {}, day)].filter(([id]) => cells.includes(id)));
    const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const common = [...named].filter(([id]) => target.has(id)).reduce((a, [, w]) => a + w, 0);
    return common >= SAME_SERIES.named * sum(named) && common >= SAME_SERIES.target * sum(target);
}

/**
 * Scores the incidents found in a corpus history (those starting from `evaluateFrom`): an injected event is found
 * when exactly one incident matches it (start on its day, or within SHIFT_LATE_DAYS for a persistent change; its
 * direction; its kind, a price change being a level shift of cost per 1M tokens; its top root cause the injected
 * series); an incident that matches no event is false, unless it is a series starting or stopping (a new or retired
 * deployment, a real change) named by its top root cause.
 */
export function scoreIncidents(history: CorpusHistory, incidents: Incident[], evaluateFrom: number): CorpusScore {
    const dayOf = (date: string) => Math.round((Date.parse(date) - Date.parse(history.start)) / 86_400_000);
    const score: CorpusScore = {
        events: Object.fromEntries(EVENT_KINDS.map((k) => [k, { injected: 0, found: 0 }])) as CorpusScore['events'],
        reported: Object.fromEntries(EVENT_KINDS.map((k) => [k, { incidents: 0, true: 0 }])) as CorpusScore['reported'],
        falseIncidents: 0,
        seriesMonths: 0,
        notes: [],
    };
    const judged = incidents.filter((i) => dayOf(i.start) >= evaluateFrom);
    const matched = new Set<Incident>();
    const matches = (event: CorpusEvent, incident: Incident) => {
        const late = event.kind === 'spike' || event.kind === 'drop' ? 0 : SHIFT_LATE_DAYS;
        const day = dayOf(incident.start);
        const cause = incident.rootCauses[0]?.dimensions ?? {};
        return (
            day >= event.day &&
            day <= event.day + late &&
            Math.sign(Number(incident.impact)) === Math.sign(event.factor - 1) &&
            reportedKind(incident) === event.kind &&
            sameSeries(history, cause, event.cells, event.day)
        );
    };
    for (const event of history.events) {
        score.events[event.kind].injected++;
        const found = judged.filter((i) => !matched.has(i) && matches(event, i));
        if (found[0]) {
            score.events[event.kind].found++;
            matched.add(found[0]);
        } else {
            const near = judged.filter((i) => Math.abs(dayOf(i.start) - event.day) <= 3);
            score.notes.push(
                `seed ${history.seed} missed ${event.kind} day ${event.day} ×${event.factor.toFixed(2)} on ${JSON.stringify(event.series)}; near: ${near.map(describe).join(' | ') || 'none'}`,
            );
        }
    }
    const structural = history.cells.flatMap((c) => [
        ...(c.from > 0 ? [{ day: c.from, active: c.from, cell: c.id }] : []),
        ...(c.to < history.days - 1 ? [{ day: c.to + 1, active: c.to, cell: c.id }] : []),
    ]);
    for (const incident of judged) {
        const kind = reportedKind(incident);
        score.reported[kind].incidents++;
        if (matched.has(incident)) {
            score.reported[kind].true++;
            continue;
        }
        const day = dayOf(incident.start);
        const cause = incident.rootCauses[0]?.dimensions ?? {};
        const explained = structural.some(
            (s) => day >= s.day && day <= s.day + 3 && sameSeries(history, cause, [s.cell], s.active),
        );
        if (explained) {
            score.reported[kind].incidents--;
            continue;
        }
        score.falseIncidents++;
        const near = history.events.some((e) => day >= e.day - 1 && day <= e.day + SHIFT_LATE_DAYS);
        score.notes.push(`seed ${history.seed} false${near ? ' (at an event)' : ''} ${describe(incident)}`);
    }
    const days = (c: CorpusCell) => Math.max(0, Math.min(c.to, history.days - 1) - Math.max(c.from, evaluateFrom) + 1);
    score.seriesMonths = history.cells.reduce((sum, c) => sum + days(c), 0) / 30;
    return score;
}

function describe(i: Incident): string {
    const cause = i.rootCauses[0];
    return `${i.start} ${i.kind} ${i.metric} ${i.impact} score ${i.peakScore} cause ${JSON.stringify(cause?.dimensions)} ${cause?.share}`;
}

import { decimalText, trimDecimal } from '../decimalText';
import { AnomalyParams } from './anomalyParams';
import { Expectations } from './cellImpacts';
import { changeEnd, changeStart, firstMoved, movedOn } from './changeDays';
import type { Anomaly, AnomalyFindings, Incident } from './incident';
import { incidentCauses } from './incidentCauses';
import { incidentId } from './incidentId';
import { echoesLevelShift } from './levelShiftEcho';
import { linkFlags, nestedSeries } from './linkFlags';
import type { DailySeries } from './queryDailySeries';
import { SeriesFlag, seriesFlags } from './seriesFlags';
import { structural } from './structural';

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * The incidents of daily series (grain `level` judged, grain `cell` searched for root causes) that have an anomaly
 * on a day from `judgeFrom` on, and those anomalies. Judged per billing currency; when there are several, every
 * series and root cause leads with its `BillingCurrency`.
 */
export function findIncidents(series: DailySeries[], judgeFrom: string, p: AnomalyParams): AnomalyFindings {
    const currencies = [...new Set(series.map((s) => s.currency))];
    const found = currencies.map((currency) =>
        ofCurrency(
            series.filter((s) => s.currency === currency),
            judgeFrom,
            p,
            currencies.length > 1 ? { BillingCurrency: currency } : {},
        ),
    );
    const key = (a: Anomaly) => `${a.date}|${a.metric}|${a.currency ?? ''}|${JSON.stringify(a.dimensions)}`;
    return {
        incidents: found.flatMap((f) => f.incidents).sort((a, b) => (a.start + a.id).localeCompare(b.start + b.id)),
        anomalies: found.flatMap((f) => f.anomalies).sort((a, b) => key(a).localeCompare(key(b))),
    };
}

function ofCurrency(
    series: DailySeries[],
    judgeFrom: string,
    p: AnomalyParams,
    lead: Record<string, string | null>,
): AnomalyFindings {
    const dates = series[0]?.dates ?? [];
    const from = dates.findIndex((date) => date >= judgeFrom);
    if (from < 0) return { incidents: [], anomalies: [] };
    const weekdays = dates.map(weekdayOf);
    const cells = series.filter((s) => s.grain === 'cell');
    const finest = { cells, sources: series.filter((s) => s.grain === 'source') };
    const expectations = new Expectations(weekdays);
    // Look back a few days so a change that began just before the month is seen from its first day.
    const flags = seriesFlags(
        series.filter((s) => s.grain === 'level'),
        weekdays,
        Math.max(0, from - p.shiftDays),
        p,
    );
    // Groups whose incidents come out as one event are merged.
    const events: { incident: Incident; flags: SeriesFlag[] }[] = [];
    for (const group of linkFlags(flags, cells, expectations, p.shiftDays - 1)) {
        if (!group.some((f) => f.index >= from)) continue;
        const incident = incidentOf(group, finest, expectations, { dates, lead, p, flags });
        if (!incident) continue;
        const same = events.find((e) => sameEvent(e, { incident, flags: group }));
        if (same) same.flags.push(...group);
        else events.push({ incident, flags: group });
    }
    const built = events.flatMap(({ flags: group }) => {
        const incident = incidentOf(group, finest, expectations, { dates, lead, p, flags });
        return incident ? [{ group, incident }] : [];
    });
    const incidents = built.map((b) => b.incident);
    const findings: AnomalyFindings = { incidents: [], anomalies: [] };
    for (const { group, incident } of built) {
        if (echoesLevelShift(incident, incidents, p.levelDays)) continue;
        findings.incidents.push(incident);
        const shown = group.filter(
            (f) =>
                f.index >= from &&
                (dates[f.index] ?? '') >= incident.start &&
                (incident.kind !== 'levelShift' || f.index === f.start),
        );
        findings.anomalies.push(...shown.map((f) => anomalyOf(f, dates, lead, incident.id)));
    }
    return findings;
}

/**
 * Whether two groups of flags are one event: their incidents come out the same way, of the same metric, on the same or
 * neighbouring days, with top causes one of which holds the other (a model's input and output moving apart from
 * each other's cells; a series flagged beside the one whose change it is, whose cause is sought among the same cells).
 */
function sameEvent(a: { incident: Incident; flags: SeriesFlag[] }, b: { incident: Incident; flags: SeriesFlag[] }) {
    const span = (flags: SeriesFlag[]) => ({
        first: Math.min(...flags.map((f) => f.start)),
        last: Math.max(...flags.map((f) => f.index)),
    });
    const [x, y] = [span(a.flags), span(b.flags)];
    return (
        a.incident.metric === b.incident.metric &&
        Math.sign(Number(a.incident.impact)) === Math.sign(Number(b.incident.impact)) &&
        y.first <= x.last + 1 &&
        x.first <= y.last + 1 &&
        nestedSeries(a.incident.rootCauses[0]?.dimensions ?? {}, b.incident.rootCauses[0]?.dimensions ?? {})
    );
}

function incidentOf(
    group: SeriesFlag[],
    finest: { cells: DailySeries[]; sources: DailySeries[] },
    expectations: Expectations,
    context: { dates: string[]; lead: Record<string, string | null>; p: AnomalyParams; flags: SeriesFlag[] },
): Incident | undefined {
    const { dates, lead, p } = context;
    const { cells } = finest;
    const top = group.reduce((a, b) => (b.score > a.score ? b : a));
    const sign = top.direction === 'spike' ? 1 : -1;
    const flagged = Math.min(...group.map((f) => f.start));
    const lastFlag = Math.max(...group.map((f) => f.index));
    // A level shift when at least half the series whose change began in it kept the new level, and its causes did: a
    // change of a few days that a sum's noise drew out (or that met a lasting change elsewhere) is a spike or a drop.
    const starts = group.filter((f) => f.index === f.start);
    const flaggedShift = starts.filter((f) => f.levelShift).length * 2 >= Math.max(starts.length, 1);
    const span = { group, first: flagged, last: lastFlag, levelShift: flaggedShift, flags: context.flags };
    const asFlagged = incidentCauses(cells, expectations, { ...span, monthEnd: monthEnd(dates, flagged) }, p);
    const cause = asFlagged.found.rootCauses[0]?.dimensions;
    const change = cause && { metric: asFlagged.metric, cause, first: flagged, sign, span: p.shiftDays };
    const back = change ? changeStart(cells, expectations, change, p.minCauseScore) : flagged;
    const first =
        change && back === flagged && !flaggedShift ? firstMoved(cells, expectations, change, lastFlag) : back;
    const end = change && flaggedShift ? changeEnd(cells, expectations, { ...change, first }) : undefined;
    const levelShift = flaggedShift && end === undefined;
    const last = Math.max(end ?? lastFlag, lastFlag);
    const { days, metric, searched, found } =
        levelShift === flaggedShift && first === flagged
            ? asFlagged
            : incidentCauses(
                  cells,
                  expectations,
                  { ...span, first, last, levelShift, monthEnd: monthEnd(dates, first) },
                  p,
              );
    // The finest series must have moved beyond their own noise: a dip of a sum made by series going idle as they
    // often do, or by noise spread over many series, is no event.
    if (found.score < p.minCauseScore || found.rootCauses.length === 0) return undefined;
    const topCause = found.rootCauses[0]?.dimensions ?? {};
    // A level shift whose cause, found over its first days, moved only on the days after the first is another change
    // (a spike two days later, the next event).
    const later = levelShift && days.last > first;
    if (later && !movedOn(cells, expectations, { metric, cause: topCause, first, sign }, first)) return undefined;
    if (structural(topCause, finest, searched, { ...days, sign, lag: p.shiftDays })) return undefined;
    const causes = found.rootCauses.map((cause) => ({ ...cause, dimensions: { ...lead, ...cause.dimensions } }));
    const start = dates[first] ?? '';
    return {
        id: incidentId(start, {
            currency: top.series.currency,
            metric,
            direction: top.direction,
            cause: causes[0]?.dimensions ?? {},
        }),
        currency: top.series.currency,
        start,
        end: levelShift || last === dates.length - 1 ? null : (dates[last] ?? null),
        kind: levelShift ? 'levelShift' : top.direction,
        metric,
        impact: found.impact,
        peakScore: Math.round(top.score * 100) / 100,
        rootCauses: causes,
    };
}

/** Index of the last day in `dates` of the month of `dates[index]`. */
function monthEnd(dates: string[], index: number): number {
    const month = dates[index]?.slice(0, 7);
    let last = index;
    while (dates[last + 1]?.slice(0, 7) === month) last++;
    return last;
}

function anomalyOf(f: SeriesFlag, dates: string[], lead: Record<string, string | null>, incident: string): Anomaly {
    const actual = f.metric === 'EffectiveCost' ? f.series.effectiveCost[f.index] : f.series.costPerMillion[f.index];
    return {
        date: dates[f.index] ?? '',
        metric: f.metric,
        currency: f.series.currency,
        dimensions: { ...lead, ...f.series.dimensions },
        actual: trimDecimal(actual ?? '0'),
        expected: decimalText(f.expected, 6),
        lower: decimalText(f.lower, 6),
        upper: decimalText(f.upper, 6),
        score: Math.round(f.score * 100) / 100,
        direction: f.direction,
        incident,
    };
}

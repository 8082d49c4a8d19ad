import { anomalyOf } from './anomalyOf';
import { AnomalyParams } from './anomalyParams';
import { Expectations } from './cellImpacts';
import { changeEnd, changeStart, firstMoved, movedOn } from './changeDays';
import { returnsFrom } from './changeReturn';
import { idleAgain } from './idleAgain';
import type { Anomaly, AnomalyFindings, Incident } from './incident';
import { incidentCauses } from './incidentCauses';
import { incidentId } from './incidentId';
import { inSeries } from './inSeries';
import { echoesLevelShift } from './levelShiftEcho';
import { linkFlags } from './linkFlags';
import type { DailySeries } from './queryDailySeries';
import { EventFlags, sameEvent } from './sameEvent';
import { SeriesFlag, seriesFlags } from './seriesFlags';
import { structural } from './structural';

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * The incidents of daily series (grain `level` and `cell` judged, `cell` also searched for root causes) that have an
 * anomaly on a day from `judgeFrom` on, and those anomalies. Judged per billing currency; when there are several, every
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
        cells,
        weekdays,
        Math.max(0, from - p.shiftDays),
        p,
    );
    // Groups whose incidents come out as one event are merged, and a merged event's incident is made again from all
    // its flags.
    const events: (EventFlags & { merged?: boolean })[] = [];
    for (const group of linkFlags(flags, cells, expectations, p.shiftDays - 1)) {
        if (!group.some((f) => f.index >= from)) continue;
        const incident = incidentOf(group, finest, expectations, { dates, lead, p, flags });
        if (!incident) continue;
        const same = events.find((e) => sameEvent(e, { incident, flags: group }));
        if (same) {
            same.flags.push(...group);
            same.merged = true;
        } else events.push({ incident, flags: group });
    }
    const built = events.flatMap(({ incident: alone, flags: group, merged }) => {
        const incident = merged ? incidentOf(group, finest, expectations, { dates, lead, p, flags }) : alone;
        return incident ? [{ group, incident }] : [];
    });
    const incidents = built.map((b) => b.incident);
    const findings: AnomalyFindings = { incidents: [], anomalies: [] };
    for (const { group, incident } of built) {
        if (echoesLevelShift(incident, incidents, p.levelDays) || returnsFrom(incident, incidents, p.returnDays))
            continue;
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
    // A level shift when a series whose change began in it kept the new level, and its causes did (changeEnd): a
    // change of a few days that a sum's noise drew out (or that met a lasting change elsewhere) is a spike or a drop.
    // The series that held it are not outvoted by sums it moved for a day only, their other series' noise or idle days
    // having pulled them back past the bar.
    const flaggedShift = group.some((f) => f.levelShift);
    const span = { group, first: flagged, last: lastFlag, levelShift: flaggedShift, flags: context.flags };
    const asFlagged = incidentCauses(cells, expectations, { ...span, monthEnd: monthEnd(dates, flagged) }, p);
    const cause = asFlagged.found.rootCauses[0]?.dimensions;
    const change = cause && { metric: asFlagged.metric, cause, first: flagged, sign, span: p.shiftDays };
    const back = change ? changeStart(cells, expectations, change, p.minCauseScore) : flagged;
    const first = change && back === flagged ? firstMoved(cells, expectations, change, lastFlag) : back;
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
    // A drop of series that go idle now and then, to nothing, is them going idle again.
    const members = cells.filter((cell) => inSeries(topCause, cell.dimensions));
    if (sign < 0 && idleAgain(members, { first, last, lookBack: p.windowDays }, expectations.weekdays))
        return undefined;
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
        peakScore: Math.round(peakOf(group) * 100) / 100,
        rootCauses: causes,
    };
}

/**
 * The highest score of an incident's days: a level shift keeps only its first day flagged, which may be the day before
 * the one that crossed the threshold (it went half the way already), so its other days count too.
 */
function peakOf(group: SeriesFlag[]): number {
    return Math.max(...group.flatMap((f) => [f.score, ...(f.days ?? []).map((d) => d.score)]));
}

/** Index of the last day in `dates` of the month of `dates[index]`. */
function monthEnd(dates: string[], index: number): number {
    const month = dates[index]?.slice(0, 7);
    let last = index;
    while (dates[last + 1]?.slice(0, 7) === month) last++;
    return last;
}

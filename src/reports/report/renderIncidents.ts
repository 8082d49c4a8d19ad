import type { AnomalyFindings, Incident } from '../anomalies/incident';
import { seriesLabel } from '../seriesLabel';
import type { FigureFormat } from './formatFigures';
import { escapeHtml, figureCell } from './html';

const KIND: Record<Incident['kind'], string> = { spike: '▲ spike', drop: '▼ drop', levelShift: 'level shift' };

/** An incident in a few words, for tooltips: `level shift from 2026-10-21, +$812.35, gpt-4o · Input · Global`. */
export function incidentSummary(incident: Incident, f: FigureFormat): string {
    const cause = incident.rootCauses[0];
    const signed = (incident.impact.startsWith('-') ? '' : '+') + f.money(incident.impact);
    return `${KIND[incident.kind]} from ${incident.start}, ${signed}${cause ? `, ${seriesLabel(cause.dimensions)}` : ''}`;
}

/**
 * The month's incidents, newest first: dates, kind and metric, impact, peak score, and the top root causes with their
 * share of the impact; then every anomalous series-day, collapsed.
 */
export function incidentsSection(findings: AnomalyFindings, f: FigureFormat): string {
    const { incidents, anomalies } = findings;
    if (incidents.length === 0) return '<p id="incidents" class="empty">No incidents this month.</p>';
    const body = [...incidents].reverse().map((i) => {
        const causes = i.rootCauses
            .slice(0, 3)
            .map(
                (c) =>
                    `<li>${escapeHtml(seriesLabel(c.dimensions))} <span class="note">${escapeHtml(f.share(String(Math.round(c.share * 1000) / 10)))}</span></li>`,
            )
            .join('');
        return (
            `<tr id="incident-${escapeHtml(i.id)}" data-incident="${escapeHtml(i.id)}"><td>${escapeHtml(i.start)}</td>` +
            `<td>${escapeHtml(i.end ?? (i.kind === 'levelShift' ? 'continues' : 'ongoing'))}</td>` +
            `<td>${KIND[i.kind]}</td><td>${i.metric === 'EffectiveCost' ? 'Effective cost' : 'Cost per 1M tokens'}</td>` +
            figureCell(i.impact, f.money(i.impact)) +
            figureCell(String(i.peakScore), i.peakScore.toFixed(2)) +
            `<td><ul class="causes">${causes}</ul></td></tr>`
        );
    });
    return (
        '<table id="incidents"><caption>Incidents this month</caption>' +
        '<thead><tr><th scope="col">Start</th><th scope="col">End</th><th scope="col">Kind</th>' +
        '<th scope="col">Metric</th><th scope="col" class="num">Impact</th><th scope="col" class="num">Peak score</th>' +
        '<th scope="col">Root causes (share of impact)</th></tr></thead>' +
        `<tbody>${body.join('')}</tbody></table>` +
        `<details id="anomaly-days"><summary>The ${anomalies.length} anomalous series-days behind them</summary>${anomaliesTable(findings, f)}</details>`
    );
}

/** Every anomaly (series-day) of the month's incidents, newest first. */
function anomaliesTable(findings: AnomalyFindings, f: FigureFormat): string {
    const body = [...findings.anomalies].reverse().map((a) => {
        const amount = (value: string) => (a.metric === 'EffectiveCost' ? f.money(value) : f.unitPrice(value));
        return (
            `<tr data-incident="${escapeHtml(a.incident)}"><td>${escapeHtml(a.date)}</td>` +
            `<th scope="row">${escapeHtml(seriesLabel(a.dimensions))}</th>` +
            `<td>${a.metric === 'EffectiveCost' ? 'Effective cost' : 'Cost per 1M tokens'}</td>` +
            figureCell(a.actual, amount(a.actual)) +
            figureCell(a.expected, amount(a.expected)) +
            `<td class="num">${escapeHtml(`${amount(a.lower)} – ${amount(a.upper)}`)}</td>` +
            figureCell(String(a.score), a.score.toFixed(2)) +
            `<td>${a.direction === 'spike' ? '▲ spike' : '▼ drop'}</td>` +
            `<td><a href="#incident-${escapeHtml(a.incident)}">${escapeHtml(a.incident)}</a></td></tr>`
        );
    });
    return (
        '<table id="anomalies"><caption>Anomalous series-days</caption>' +
        '<thead><tr><th scope="col">Day</th><th scope="col">Series</th><th scope="col">Metric</th>' +
        '<th scope="col" class="num">Actual</th><th scope="col" class="num">Expected</th>' +
        '<th scope="col" class="num">Normal range</th><th scope="col" class="num">Score</th><th scope="col">Direction</th>' +
        '<th scope="col">Incident</th></tr></thead>' +
        `<tbody>${body.join('')}</tbody></table>`
    );
}

import { decimalSum } from '../../focus/decimalSum';
import { seriesLabel } from '../seriesLabel';
import type { FigureFormat } from './formatFigures';
import { escapeHtml } from './html';
import type { ReportData } from './reportData';

const card = (title: string, id: string, value: string | null, shown: string, note: string) =>
    `<div class="card"><h3>${escapeHtml(title)}</h3><p class="figure" id="${id}"${value === null ? '' : ` data-value="${escapeHtml(value)}"`}>${escapeHtml(shown)}</p><p>${note}</p></div>`;

/**
 * The headline: AI spend, the month-end forecast (or, for a closed month, that it is closed), cost per 1M tokens, and
 * the month's incidents with their impact and each one's top root cause.
 */
export function headlineCards(data: ReportData, f: FigureFormat): string {
    const { headline, findings } = data;
    const overall = data.forecasts.find((x) => Object.keys(x.dimensions).length === 0);
    const forecast = data.closed
        ? card(
              'Month closed',
              'headline-forecast',
              null,
              'Final',
              `charges through ${escapeHtml(headline.asOf ?? '–')}`,
          )
        : card(
              'Forecast, month end',
              'headline-forecast',
              overall?.forecast ?? null,
              overall ? f.money(overall.forecast) : '–',
              overall?.lower && overall.upper
                  ? `80 % interval ${escapeHtml(f.money(overall.lower))} – ${escapeHtml(f.money(overall.upper))}`
                  : overall
                    ? 'too little history for an interval'
                    : 'not enough data',
          );
    const impact = decimalSum(findings.incidents.map((i) => i.impact));
    const causes = findings.incidents
        .slice(-4)
        .reverse()
        .map((i) => {
            const cause = i.rootCauses[0];
            return `<li><a href="#incident-${escapeHtml(i.id)}">${escapeHtml(i.start)}</a> ${escapeHtml(f.money(i.impact))}${cause ? ` · ${escapeHtml(seriesLabel(cause.dimensions))}` : ''}</li>`;
        })
        .join('');
    return `<div class="cards">
${card(data.closed ? 'AI spend, month total' : 'AI spend, month to date', 'headline-cost', headline.effectiveCost, f.money(headline.effectiveCost), `${escapeHtml(f.tokens(headline.tokens))} tokens counted`)}
${forecast}
${card('Cost per 1M tokens', 'headline-unit-cost', headline.costPerMillion, f.unitPrice(headline.costPerMillion), headline.costPerMillion === null ? 'no counted tokens this month' : 'all models, Σ cost ÷ Σ tokens')}
<div class="card"><h3>Incidents this month</h3><p class="figure" id="headline-incidents" data-value="${findings.incidents.length}">${findings.incidents.length}</p><p>net impact <span id="headline-impact" data-value="${escapeHtml(impact)}">${escapeHtml(f.money(impact))}</span></p><ul class="causes">${causes}</ul></div>
</div>`;
}

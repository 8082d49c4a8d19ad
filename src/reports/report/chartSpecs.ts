import { decimalSum } from '../../focus/decimalSum';
import type { Incident } from '../anomalies/incident';
import { seriesLabel } from '../seriesLabel';
import type { FigureFormat } from './formatFigures';
import { incidentSummary } from './renderIncidents';
import { ReportData } from './reportData';

/**
 * A chart as data: a Chart.js configuration whose values are exact decimal text (the page turns them into numbers),
 * the number format of its value axis, and notes shown in the tooltip of marked points.
 */
export interface ChartSpec {
    format: 'money' | 'price';
    valueAxis: 'x' | 'y';
    logarithmic?: boolean;
    /** notes[dataset][index]: tooltip text of a marked point. */
    notes?: (string | null)[][];
    config: {
        type: string;
        data: { labels: string[]; datasets: Record<string, unknown>[] };
        options: Record<string, unknown>;
    };
}

/** Okabe and Ito's colour-blind-safe palette (black and yellow last), then grey for 'Other models'. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
const OTHER = '#8C8C8C';
/** Cost per 1M tokens series drawn at first (the others are one legend click away). */
const VISIBLE_SERIES = 6;

const axes = (valueAxis: 'x' | 'y', title: string, stacked = false) => ({
    [valueAxis === 'y' ? 'x' : 'y']: { stacked, ticks: { autoSkip: true, maxTicksLimit: 12 } },
    [valueAxis]: { stacked, title: { display: true, text: title }, beginAtZero: true },
});

const options = (valueAxis: 'x' | 'y', title: string, stacked = false) => ({
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { position: 'bottom' } },
    scales: axes(valueAxis, title, stacked),
});

/** Daily AI spend by model (stacked bars), with the month's incidents marked above the bars of their days. */
export function dailySpendChart(data: ReportData, f: FigureFormat): ChartSpec {
    const labels = data.dailyByModel[0]?.dates ?? [];
    const datasets: Record<string, unknown>[] = data.dailyByModel.map((series, i) => ({
        label: series.model,
        data: series.effectiveCost,
        backgroundColor: series.model === 'Other models' ? OTHER : PALETTE[i % PALETTE.length],
        stack: 'cost',
    }));
    const marks = labels.map((date) => incidentsOn(data, date));
    const notes: (string | null)[][] = datasets.map(() => labels.map(() => null));
    if (marks.some((incidents) => incidents.length > 0)) {
        datasets.push({
            type: 'line',
            label: 'Incident (▲ up, ▼ down)',
            data: labels.map((_, i) =>
                marks[i]?.length ? decimalSum(data.dailyByModel.map((s) => s.effectiveCost[i] ?? '0')) : null,
            ),
            stack: 'incidents',
            showLine: false,
            pointStyle: 'triangle',
            pointRadius: 8,
            pointRotation: marks.map((incidents) => (incidents[0]?.impact.startsWith('-') ? 180 : 0)),
            backgroundColor: '#D55E00',
            borderColor: '#000000',
        });
        notes.push(marks.map((incidents) => incidents.map((i) => incidentSummary(i, f)).join('; ') || null));
    }
    return {
        format: 'money',
        valueAxis: 'y',
        notes,
        config: {
            type: 'bar',
            data: { labels, datasets },
            options: options('y', `Effective cost (${data.currency})`, true),
        },
    };
}

/** The incidents with an anomaly on `date`. */
function incidentsOn(data: ReportData, date: string): Incident[] {
    const ids = new Set(data.findings.anomalies.filter((a) => a.date === date).map((a) => a.incident));
    return data.findings.incidents.filter((incident) => ids.has(incident.id));
}

/** Cost per 1M tokens per model, direction and deployment (lines, log scale), the month's anomalies marked. */
export function costPerMillionChart(data: ReportData, f: FigureFormat): ChartSpec {
    const labels = data.costPerMillion[0]?.dates ?? [];
    const monthCost = (values: string[], dates: string[]) =>
        values.reduce((sum, value, i) => sum + ((dates[i] ?? '').startsWith(data.month) ? Number(value) : 0), 0);
    const ranked = [...data.costPerMillion].sort(
        (a, b) =>
            monthCost(b.effectiveCost, b.dates) - monthCost(a.effectiveCost, a.dates) || a.key.localeCompare(b.key),
    );
    const notes: (string | null)[][] = [];
    const datasets = ranked.map((series, i) => {
        const marks = series.dates.map((date) =>
            data.findings.anomalies.find(
                (a) =>
                    a.metric === 'EffectiveCostPerMillionTokens' &&
                    a.date === date &&
                    JSON.stringify(a.dimensions) === series.key,
            ),
        );
        const incident = (id: string) => data.findings.incidents.find((i) => i.id === id);
        notes.push(
            marks.map((mark) => {
                const of = mark && incident(mark.incident);
                return mark ? `${mark.direction}, score ${mark.score}${of ? `; ${incidentSummary(of, f)}` : ''}` : null;
            }),
        );
        const colour = PALETTE[i % PALETTE.length];
        return {
            label: seriesLabel(series.dimensions),
            data: series.costPerMillion,
            borderColor: colour,
            backgroundColor: colour,
            borderDash: i >= PALETTE.length ? [6, 3] : [],
            borderWidth: 2,
            hidden: i >= VISIBLE_SERIES,
            spanGaps: false,
            pointStyle: 'triangle',
            pointRadius: marks.map((mark) => (mark ? 8 : 0)),
            pointHoverRadius: marks.map((mark) => (mark ? 10 : 3)),
            pointRotation: marks.map((mark) => (mark?.direction === 'drop' ? 180 : 0)),
            pointBorderColor: '#000000',
        };
    });
    return {
        format: 'price',
        valueAxis: 'y',
        logarithmic: true,
        notes,
        config: {
            type: 'line',
            data: { labels, datasets },
            options: options('y', `Effective cost per 1M tokens (${data.currency}, log scale)`),
        },
    };
}

/** Month to date, forecast and its 80 % interval, overall and per model (horizontal bars); a closed month's totals. */
export function forecastChart(data: ReportData): ChartSpec {
    const shown = data.forecasts.slice(0, 9);
    const datasets = data.closed
        ? [{ label: 'Month total', data: shown.map((x) => x.monthToDate), backgroundColor: PALETTE[0] }]
        : [
              { label: 'Month to date', data: shown.map((x) => x.monthToDate), backgroundColor: PALETTE[0] },
              { label: 'Forecast, month end', data: shown.map((x) => x.forecast), backgroundColor: PALETTE[1] },
              {
                  label: '80 % interval',
                  data: shown.map((x) => [x.lower, x.upper]),
                  backgroundColor: '#009E7399',
                  borderColor: PALETTE[2],
                  borderWidth: 1,
              },
          ];
    return {
        format: 'money',
        valueAxis: 'x',
        config: {
            type: 'bar',
            data: { labels: shown.map((x) => seriesLabel(x.dimensions)), datasets },
            options: { ...options('x', `Effective cost (${data.currency})`), indexAxis: 'y' },
        },
    };
}

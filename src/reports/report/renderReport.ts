import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { REPORTED_TAG_COLUMNS } from '../../focus/datasets/costs/tagAliases';
import { decimalSum } from '../../focus/decimalSum';
import { loadAsset } from '../../focus/loadAsset';
import { capacitySections } from './capacitySections';
import { ChartSpec, costPerMillionChart, dailySpendChart, forecastChart } from './chartSpecs';
import { FigureFormat, figureFormat, REPORT_LOCALE } from './formatFigures';
import { escapeHtml } from './html';
import { headlineCards } from './renderCards';
import { incidentsSection } from './renderIncidents';
import { allocationTable, forecastTable, freshnessTable, matrixTable } from './renderTables';
import { ReportData } from './reportData';

/** Chart.js's own UMD bundle (MIT), inlined so the page draws with no network. */
function chartJs(): string {
    return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

const monthName = (month: string) =>
    new Date(`${month}-01T00:00:00Z`).toLocaleString(REPORT_LOCALE, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
    });

const chart = (id: string, label: string, tall = false) =>
    `<div class="chart${tall ? ' tall' : ''}"><canvas id="${id}" role="img" aria-label="${escapeHtml(label)}"></canvas></div>`;

/**
 * The report as one self-contained HTML page: tables written here, charts drawn in the page by Chart.js. A month
 * without AI cost in the scope says so and shows only where the data comes from.
 */
export function renderReport(data: ReportData): string {
    const f = figureFormat(data.currency);
    const charts: Record<string, ChartSpec> =
        data.aiRows === 0
            ? {}
            : {
                  'chart-daily': dailySpendChart(data, f),
                  'chart-unit-cost': costPerMillionChart(data, f),
                  'chart-forecast': forecastChart(data),
              };
    const sections =
        data.aiRows === 0
            ? `<p id="no-ai" class="warning">No AI cost in ${escapeHtml(scopeName(data))} for ${escapeHtml(monthName(data.month))}: the Costs published for it have no AI rows (no charges with a model).</p>`
            : aiSections(data, f);
    const body = `<main>
<header>
<h1>AI cost insights · ${escapeHtml(monthName(data.month))}</h1>
<p>Scope: <strong>${escapeHtml(scopeName(data))}</strong>${data.scopeSelected || data.scopes.length < 2 ? '' : ` (${data.scopes.map(escapeHtml).join(', ')})`}. Amounts in ${escapeHtml(data.currency)}, effective (amortized) cost.</p>
<p>Charges through ${escapeHtml(data.headline.asOf ?? '–')} (UTC)${data.closed ? ', month closed' : ''}. Generated ${escapeHtml(data.generatedAt)}.</p>
${data.otherCurrencies.length === 0 ? '' : `<p class="warning">Also billed this month, not shown: ${data.otherCurrencies.map((c) => escapeHtml(figureFormat(c.currency).money(c.effectiveCost))).join(', ')}.</p>`}
</header>
${sections}
<section><h2>Data freshness</h2>
${freshnessTable(data.freshness)}</section>
<footer><p>Incidents: each day of each series against its own baseline (weekday profile and level from the 8 weeks before it, a robust score in units of the series' own noise), grouped into one incident per event across series and days, with the finest series that explain it. Forecast: month to date plus a weighted daily rate for the remaining days; the interval comes from the same forecast's past misses. Written by finops-hub from the published AIUnitEconomics and Costs data.</p></footer>
</main>`;
    const page = loadAsset('assets/report.html', __dirname);
    const json = JSON.stringify({ locale: REPORT_LOCALE, currency: data.currency, charts }).replace(/</g, '\\u003c');
    const script = (code: string) => `<script>\n${code.replace(/<\/script/gi, '<\\/script')}\n</script>`;
    const parts: Record<string, string> = {
        title: escapeHtml(`AI cost insights ${data.month}`),
        style: `<style>\n${loadAsset('assets/report.css', __dirname)}</style>`,
        body,
        scripts: [
            `<script type="application/json" id="report-data">${json}</script>`,
            script(chartJs()),
            script(loadAsset('assets/report.client.js', __dirname)),
        ].join('\n'),
    };
    return page.replace(/\{\{(\w+)\}\}/g, (_, name: string) => parts[name] ?? '');
}

function scopeName(data: ReportData): string {
    if (data.scopeSelected || data.scopes.length === 1) return data.scopes[0] ?? '';
    return `${data.scopes.length} scopes`;
}

/** Everything shown for a month with AI cost. */
function aiSections(data: ReportData, f: FigureFormat): string {
    const tokenTotal = data.tokenMatrix.find((row) => row.level === 2)?.effectiveCost ?? '0';
    const untokened = decimalSum([
        data.headline.effectiveCost,
        tokenTotal.startsWith('-') ? tokenTotal.slice(1) : `-${tokenTotal}`,
    ]);
    const counted = data.tokenMatrix.some((row) => row.level === 0);
    const matrices = counted
        ? `<div class="matrices">
${matrixTable('token-matrix', 'By model and token direction', ['Model', 'direction'], data.tokenMatrix, f)}
${matrixTable('sku-matrix', 'By SKU meter category and subcategory', ['Meter category', 'subcategory'], data.skuMatrix, f)}
</div>`
        : '<p id="no-tokens" class="warning">No counted tokens this month: its AI cost is for provisioned units, hosting or meters without a token quantity.</p>';
    return `${headlineCards(data, f)}
<section><h2>Incidents</h2>
${incidentsSection(data.findings, f)}</section>
<section><h2>Daily AI spend by model</h2>
${chart('chart-daily', 'Stacked bars of daily AI effective cost by model; incidents marked with triangles')}
<p class="note">Top models of the month; the rest summed as “Other models”. ▲ ▼ mark the days of the month's incidents.</p></section>
<section><h2>Cost per 1M tokens over time</h2>
${chart('chart-unit-cost', 'Lines of effective cost per 1M tokens by model, direction and deployment, log scale; anomalies marked with triangles', true)}
<p class="note">Per model × token direction × deployment type; click a legend entry to show or hide a series. ▲ ▼ mark the series-days of incidents of cost per 1M tokens.</p></section>
<section><h2>${data.closed ? 'Month total' : 'Forecast vs month to date'}</h2>
${chart('chart-forecast', data.closed ? 'Horizontal bars of the month total, overall and per model' : 'Horizontal bars of month-to-date cost, month-end forecast and its 80 % interval, overall and per model')}
${forecastTable(data.forecasts, data.closed, f)}</section>
<section><h2>Token cost matrix</h2>
${matrices}
<p class="note">Rows with counted tokens; share = % of their effective cost. AI cost without counted tokens (hosting, provisioned units, unknown quantity scale): <span id="untokened-cost" data-value="${escapeHtml(untokened)}">${escapeHtml(f.money(untokened))}</span>.</p></section>
${capacitySections(data.capacity, f)}
<section><h2>Allocation by tag</h2>
<div class="grid">${REPORTED_TAG_COLUMNS.map((column) => allocationTable(column, data.allocation, f)).join('\n')}</div></section>`;
}

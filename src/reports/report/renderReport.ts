import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { decimalSum } from '../../focus/decimalSum';
import { loadAsset } from '../../focus/loadAsset';
import { trimDecimal } from '../decimalText';
import { capacitySections } from './capacitySections';
import { ChartSpec, costPerMillionChart, dailySpendChart, forecastChart } from './chartSpecs';
import { figureFormat, REPORT_LOCALE } from './formatFigures';
import { escapeHtml } from './html';
import { allocationTable, anomaliesTable, forecastTable, freshnessTable, matrixTable } from './renderTables';
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

/** The report as one self-contained HTML page: tables written here, charts drawn in the page by Chart.js. */
export function renderReport(data: ReportData): string {
    const f = figureFormat(data.currency);
    const overall = data.forecasts.find((x) => Object.keys(x.dimensions).length === 0);
    const tokenTotal = data.tokenMatrix.find((row) => row.level === 2)?.effectiveCost ?? '0';
    const untokened = trimDecimal(decimalSum([data.headline.effectiveCost, `-${tokenTotal}`.replace('--', '')]));
    const scope = data.scopeSelected
        ? data.scopes[0]
        : data.scopes.length === 1
          ? data.scopes[0]
          : `${data.scopes.length} scopes`;
    const spikes = data.anomalies.filter((a) => a.direction === 'spike').length;
    const charts: Record<string, ChartSpec> = {
        'chart-daily': dailySpendChart(data),
        'chart-unit-cost': costPerMillionChart(data),
        'chart-forecast': forecastChart(data),
    };
    const body = `<main>
<header>
<h1>AI cost insights · ${escapeHtml(monthName(data.month))}</h1>
<p>Scope: <strong>${escapeHtml(scope ?? '')}</strong>${data.scopeSelected || data.scopes.length < 2 ? '' : ` (${data.scopes.map(escapeHtml).join(', ')})`}. Amounts in ${escapeHtml(data.currency)}, effective (amortized) cost.</p>
<p>Charges through ${escapeHtml(data.headline.asOf ?? '–')} (UTC). Generated ${escapeHtml(data.generatedAt)}.</p>
${data.otherCurrencies.length === 0 ? '' : `<p class="warning">Also billed this month, not shown: ${data.otherCurrencies.map((c) => `${escapeHtml(c.currency)} ${escapeHtml(trimDecimal(c.effectiveCost))}`).join(', ')}.</p>`}
</header>
<div class="cards">
<div class="card"><h3>AI spend, month to date</h3><p class="figure" id="headline-cost" data-value="${escapeHtml(data.headline.effectiveCost)}">${escapeHtml(f.money(data.headline.effectiveCost))}</p><p>${escapeHtml(f.tokens(data.headline.tokens))} tokens counted</p></div>
<div class="card"><h3>Forecast, month end</h3><p class="figure" id="headline-forecast"${overall ? ` data-value="${escapeHtml(overall.forecast)}"` : ''}>${overall ? escapeHtml(f.money(overall.forecast)) : '–'}</p><p>${overall ? `80 % interval ${escapeHtml(f.money(overall.lower))} – ${escapeHtml(f.money(overall.upper))}` : 'not enough data'}</p></div>
<div class="card"><h3>Cost per 1M tokens</h3><p class="figure" id="headline-unit-cost"${data.headline.costPerMillion ? ` data-value="${escapeHtml(data.headline.costPerMillion)}"` : ''}>${escapeHtml(f.unitPrice(data.headline.costPerMillion))}</p><p>all models, Σ cost ÷ Σ tokens</p></div>
<div class="card"><h3>Anomalies this month</h3><p class="figure" id="headline-anomalies" data-value="${data.anomalies.length}">${data.anomalies.length}</p><p>${spikes} spikes, ${data.anomalies.length - spikes} drops</p></div>
</div>
<section><h2>Daily AI spend by model</h2>
${chart('chart-daily', 'Stacked bars of daily AI effective cost by model; anomalies of all AI cost marked with triangles')}
<p class="note">Top models of the month; the rest summed as “Other models”. ▲ ▼ mark anomalies of all AI cost this month.</p></section>
<section><h2>Cost per 1M tokens over time</h2>
${chart('chart-unit-cost', 'Lines of effective cost per 1M tokens by model, direction and deployment, log scale; anomalies marked with triangles', true)}
<p class="note">Per model × token direction × deployment type; click a legend entry to show or hide a series. ▲ spike, ▼ drop.</p>
${data.anomalies.length > 12 ? `<details><summary>All ${data.anomalies.length} anomalies of the month</summary>${anomaliesTable(data.anomalies, f)}</details>` : anomaliesTable(data.anomalies, f)}</section>
<section><h2>Forecast vs month to date</h2>
${chart('chart-forecast', 'Horizontal bars of month-to-date cost, month-end forecast and its 80 % interval, overall and per model')}
${forecastTable(data.forecasts, f)}</section>
<section><h2>Token cost matrix</h2>
<div class="matrices">
${matrixTable('token-matrix', 'By model and token direction', ['Model', 'direction'], data.tokenMatrix, f)}
${matrixTable('sku-matrix', 'By SKU meter category and subcategory', ['Meter category', 'subcategory'], data.skuMatrix, f)}
</div>
<p class="note">Rows with counted tokens; share = % of their effective cost. AI cost without counted tokens (hosting, provisioned units, unknown quantity scale): <span id="untokened-cost" data-value="${escapeHtml(untokened)}">${escapeHtml(f.money(untokened))}</span>.</p></section>
${capacitySections(data.capacity, f)}
<section><h2>Allocation by tag</h2>
<div class="grid">${['x_TagCostCenter', 'x_TagApplication', 'x_TagEnvironment'].map((column) => allocationTable(column, data.allocation, f)).join('\n')}</div></section>
<section><h2>Data freshness</h2>
${freshnessTable(data.freshness)}</section>
<footer><p>Anomalies: each day against its series' own baseline (weekday profile and level from the 8 weeks before it, robust z-score ≥ 3.5). Forecast: month to date plus a weighted daily rate for the remaining days; the interval comes from the same forecast's past misses. Written by finops-hub from the published AIUnitEconomics and Costs data.</p></footer>
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

import type { PublishedFolder } from '../../focus/published/publishedFolder';
import type { Forecast } from '../forecasts/forecastMonthEnd';
import { seriesLabel, tagName } from '../seriesLabel';
import { FigureFormat } from './formatFigures';
import { escapeHtml, figureCell } from './html';
import { AllocationRow, MatrixRow } from './reportData';

const head = (cells: string[]) =>
    `<thead><tr>${cells.map((c, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;

/** A two-level matrix (group → item) with tokens, effective cost, cost per 1M tokens and share. */
export function matrixTable(
    id: string,
    caption: string,
    labels: [string, string],
    rows: MatrixRow[],
    f: FigureFormat,
): string {
    const body = rows.map((row) => {
        const label =
            row.level === 2
                ? 'Total'
                : row.level === 1
                  ? (row.group ?? `no ${labels[0]}`)
                  : (row.item ?? `no ${labels[1]}`);
        const cls = row.level === 2 ? 'total' : row.level === 1 ? 'group' : 'item';
        return (
            `<tr class="${cls}" data-level="${row.level}" data-group="${escapeHtml(row.group ?? '')}" data-item="${escapeHtml(row.item ?? '')}">` +
            `<th scope="row">${escapeHtml(label)}</th>` +
            figureCell(row.tokens, f.tokens(row.tokens)) +
            figureCell(row.effectiveCost, f.money(row.effectiveCost)) +
            figureCell(row.costPerMillion, f.unitPrice(row.costPerMillion)) +
            figureCell(row.share, f.share(row.share)) +
            '</tr>'
        );
    });
    return (
        `<table id="${id}"><caption>${escapeHtml(caption)}</caption>` +
        head([`${labels[0]} → ${labels[1]}`, 'Tokens', 'Effective cost', 'Per 1M tokens', 'Share']) +
        `<tbody>${body.join('')}</tbody></table>`
    );
}

/** AI cost by one tag column, untagged included, with a bar showing each share. */
export function allocationTable(column: string, rows: AllocationRow[], f: FigureFormat): string {
    const body = rows
        .filter((row) => row.column === column)
        .map(
            (row) =>
                `<tr data-value-of="${escapeHtml(row.value ?? '')}"><th scope="row">${escapeHtml(row.value ?? 'untagged')}</th>` +
                figureCell(row.effectiveCost, f.money(row.effectiveCost)) +
                figureCell(row.share, f.share(row.share)) +
                `<td class="bar" aria-hidden="true"><span style="width:${Math.min(100, Number(row.share ?? 0))}%"></span></td></tr>`,
        );
    return (
        `<table id="allocation-${column}" class="allocation"><caption>${escapeHtml(tagName(column))}</caption>` +
        head([tagName(column), 'Effective cost', 'Share', '']) +
        `<tbody>${body.join('')}</tbody></table>`
    );
}

/** Month to date and forecast with its interval, per series; for a closed month, its totals. */
export function forecastTable(forecasts: Forecast[], closed: boolean, f: FigureFormat): string {
    const body = forecasts.map(
        (x) =>
            `<tr><th scope="row">${escapeHtml(seriesLabel(x.dimensions))}</th>` +
            figureCell(x.monthToDate, f.money(x.monthToDate)) +
            (closed
                ? ''
                : figureCell(x.forecast, f.money(x.forecast)) +
                  figureCell(x.lower, x.lower === null ? '–' : f.money(x.lower)) +
                  figureCell(x.upper, x.upper === null ? '–' : f.money(x.upper))) +
            '</tr>',
    );
    const columns = closed
        ? ['Series', 'Month total']
        : ['Series', 'Month to date', 'Forecast', '80 % low', '80 % high'];
    return (
        `<table id="forecasts"><caption>${closed ? 'Month total (the month is closed)' : 'Month-end forecast'}</caption>` +
        head(columns) +
        `<tbody>${body.join('')}</tbody></table>`
    );
}

/** The latest published run of each dataset and scope. */
export function freshnessTable(folders: PublishedFolder[]): string {
    const body = folders.map(
        (folder) =>
            `<tr><th scope="row">${escapeHtml(folder.scope)}</th><td>${escapeHtml(folder.dataset)}</td>` +
            `<td>${escapeHtml(folder.month)}</td><td><code>${escapeHtml(folder.runId)}</code></td>` +
            `<td>${escapeHtml(folder.submittedTime ?? '–')}</td><td>${escapeHtml(folder.publishedAt ?? '–')}</td></tr>`,
    );
    return (
        '<table id="freshness"><caption>Last published run per scope</caption>' +
        '<thead><tr><th scope="col">Scope</th><th scope="col">Dataset</th><th scope="col">Month</th>' +
        '<th scope="col">Run</th><th scope="col">Export submitted</th><th scope="col">Published</th></tr></thead>' +
        `<tbody>${body.join('')}</tbody></table>`
    );
}

import type { ProvisionedDeployment } from '../capacity/provisionedSummary';
import type { CapacityFigures } from '../capacity/reportCapacity';
import { FigureFormat, figureFormat } from './formatFigures';
import { escapeHtml, figureCell } from './html';

const head = (cells: string[]) =>
    `<thead><tr>${cells.map((c, i) => `<th scope="col"${i > 1 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;

const percent = (value: string | null | undefined) => (value ? `${value} %` : '–');

/** In words: did the PTU pay off against per-token pricing? */
function verdict({ savings, currency, paygCurrency }: ProvisionedDeployment, f: FigureFormat): string {
    if (savings === null)
        return currency && currency !== paygCurrency ? 'prices in another currency' : 'no cost or no price';
    const amount = Number(savings);
    if (amount > 0) return `PTU saves ${f.money(savings)}`;
    if (amount < 0) return `pay-as-you-go cheaper by ${f.money(savings.replace(/^-/, ''))}`;
    return 'break-even';
}

/** "Provisioned throughput": per deployment, PTUs, utilization, cost per 1M tokens, pay-as-you-go equivalent. */
function provisionedSection(capacity: CapacityFigures, f: FigureFormat): string {
    const rows = capacity.provisioned.map(
        (row) =>
            `<tr data-deployment="${escapeHtml(row.deployment ?? '')}"><th scope="row">${escapeHtml(`${row.account} / ${row.deployment ?? '(no deployment)'}`)}</th>` +
            `<td>${escapeHtml(`${row.deploymentType ?? '–'} · ${row.model ?? '–'}`)}</td>` +
            figureCell(row.ptus, row.ptus ?? '–') +
            `<td class="num">${escapeHtml(`${percent(row.utilization?.mean)} / ${percent(row.utilization?.p95)}`)}</td>` +
            figureCell(row.effectiveCost, row.effectiveCost === null ? '–' : f.money(row.effectiveCost)) +
            figureCell(row.tokens, f.tokens(row.tokens)) +
            figureCell(row.effectiveCostPer1MTokens, f.unitPrice(row.effectiveCostPer1MTokens)) +
            figureCell(
                row.paygEquivalentCost,
                row.paygEquivalentCost === null ? '–' : figureFormat(row.paygCurrency).money(row.paygEquivalentCost),
            ) +
            `<td class="num">${escapeHtml(percent(row.breakEvenUtilization))}</td>` +
            `<td>${escapeHtml(verdict(row, f))}</td></tr>`,
    );
    return `<section><h2>Provisioned throughput</h2>
<table id="provisioned"><caption>Provisioned deployments: PTU cost against the same tokens at pay-as-you-go prices</caption>
${head(['Account / deployment', 'Type · model', 'PTUs', 'Utilization mean / p95', 'PTU cost', 'Tokens', 'Per 1M tokens', 'Pay-as-you-go equivalent', 'Break-even utilization', 'Verdict'])}
<tbody>${rows.join('')}</tbody></table>
<p class="note">PTU cost: the account's provisioned charges (reservation amortization and unused hours included) split among its provisioned deployments by PTU-hours. Pay-as-you-go equivalent: the same input, cached and output tokens at the retail price per token of the model and deployment type. Break-even: the mean utilization at which both would cost the same. Spilled-over requests are billed per token on the standard deployment and counted there.</p></section>`;
}

/** "By consumer": each consumer's share of the AI cost of shared accounts. */
function consumerSection(capacity: CapacityFigures, f: FigureFormat): string {
    const dimension = capacity.consumers.find((row) => row.dimension)?.dimension ?? 'Consumer';
    const rows = capacity.consumers.map(
        (row) =>
            `<tr data-consumer="${escapeHtml(row.consumer)}"><th scope="row">${escapeHtml(row.consumer)}</th>` +
            figureCell(row.effectiveCost, f.money(row.effectiveCost)) +
            figureCell(row.tokens, f.tokens(row.tokens)) +
            figureCell(row.share, f.share(row.share)) +
            `<td class="bar" aria-hidden="true"><span style="width:${Math.min(100, Number(row.share ?? 0))}%"></span></td></tr>`,
    );
    return `<section><h2>By consumer</h2>
<table id="consumers" class="allocation"><caption>AI cost of the accounts with telemetry by ${escapeHtml(dimension)} (API Management token metrics)</caption>
<thead><tr><th scope="col">${escapeHtml(dimension)}</th><th scope="col" class="num">Effective cost</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Share</th><th scope="col"></th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<p class="note">Token-billed charges split by each consumer's tokens of that model and direction, provisioned cost by its tokens on the deployment; “unallocated” is what no consumer reported.</p></section>`;
}

/** The report's capacity sections, or nothing when no capacity data is published for its month. */
export function capacitySections(capacity: CapacityFigures | undefined, f: FigureFormat): string {
    if (!capacity) return '';
    const sections = [capacity.provisioned.length > 0 ? provisionedSection(capacity, f) : ''];
    if (capacity.consumers.length > 0) sections.push(consumerSection(capacity, f));
    return sections.join('\n');
}

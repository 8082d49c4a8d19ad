import type { IdleReservation } from '../reports/capacity/idleReservations';
import type { ProvisionedDeployment } from '../reports/capacity/provisionedSummary';
import { roundDecimalText } from '../reports/decimalText';
import { formatColumns } from '../reports/formatColumns';

/** Money rounded to cents for the table, exactly (the JSON keeps every digit). */
const cents = (value: string | null) => (value === null ? '-' : roundDecimalText(value, 2));

/** Whether the deployment paid off against per-token pricing, in words. */
export function verdict(row: Pick<ProvisionedDeployment, 'savings' | 'currency' | 'paygCurrency'>): string {
    if (row.savings === null) return row.currency && row.currency !== row.paygCurrency ? 'other currency' : '-';
    if (Number(row.savings) > 0) return 'PTU saves';
    if (Number(row.savings) < 0) return 'pay-as-you-go cheaper';
    return 'break-even';
}

/**
 * The month's provisioned deployments as a fixed-width table, then how the figures are computed, then the reservations
 * no deployment used (their cost is on no deployment line).
 */
export function formatProvisioned(
    rows: readonly ProvisionedDeployment[],
    idle: readonly IdleReservation[] = [],
): string {
    const header = [
        'account',
        'deployment',
        'type',
        'model',
        'PTUs',
        'PTU-hours',
        'currency',
        'cost',
        'tokens',
        'per 1M',
        'util mean',
        'util p95',
        'pay-as-you-go',
        'savings',
        'break-even',
        'verdict',
    ];
    const lines = rows.map((row) => [
        row.account,
        row.deployment ?? '(no deployment)',
        row.deploymentType ?? '-',
        row.model ?? '-',
        row.ptus ?? '-',
        row.ptuHours,
        row.currency ?? '-',
        cents(row.effectiveCost),
        row.tokens,
        row.effectiveCostPer1MTokens === null ? '-' : roundDecimalText(row.effectiveCostPer1MTokens, 4),
        row.utilization ? `${row.utilization.mean} %` : '-',
        row.utilization?.p95 ? `${row.utilization.p95} %` : '-',
        row.paygEquivalentCost === null ? '-' : `${cents(row.paygEquivalentCost)} ${row.paygCurrency}`,
        cents(row.savings),
        row.breakEvenUtilization ? `${row.breakEvenUtilization} %` : '-',
        verdict(row),
    ]);
    return [
        formatColumns([header, ...lines], 4),
        '',
        'savings = pay-as-you-go equivalent (the same tokens at retail per-token prices) - PTU cost; break-even: the',
        'mean utilization at which the PTU would cost what its tokens cost per token. Cost, per 1M and savings are in',
        'the billing currency; savings and break-even only where the retail prices are in it too.',
        '',
        ...(idle.length === 0
            ? []
            : [
                  'Reservations no deployment used this month (their cost is in Costs, on no deployment above):',
                  formatColumns(
                      [
                          ['reservation', 'unused PTU-hours', 'currency', 'unused cost'],
                          ...idle.map((r) => [r.reservation, r.unusedHours, r.currency ?? '-', cents(r.unusedCost)]),
                      ],
                      1,
                  ),
                  '',
              ]),
    ].join('\n');
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createLocalDeps } from '../../src/cli/localDeps';
import { decimalSum } from '../../src/focus/decimalSum';
import { processExports } from '../../src/pipeline/processExports';
import {
    DATA_ZONE_PTU,
    GLOBAL_PTU,
    hourUsage,
    MONTH_HOURS,
    RESERVATION,
} from '../../src/sample/capacity/capacityScenario';
import { generateCapacitySample } from '../../src/sample/capacity/generateCapacitySample';
import { decimalProduct } from '../../src/sample/legacy/decimalProduct';
import { runCli } from '../helpers/runCli';
import { rowsOf, withConnection } from '../helpers/withConnection';

// The bundled sample's shared AI account, processed as npm start processes it; every expected figure is computed here
// from the scenario the sample is generated from, independently of the hub's SQL.

let dir: string;
let ingestion: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-capacity-sample-'));
    generateCapacitySample(join(dir, 'msexports'));
    ingestion = join(dir, 'ingestion');
    Object.assign(process.env, { HUB_VALIDATION: 'off', HUB_INSIGHTS: 'off' });
    const { runs } = await processExports(
        createLocalDeps(join(dir, 'msexports'), ingestion, join(ingestion, '.finops-hub'), () => {}),
    );
    expect(runs.map((r) => [r.run.dataset, r.run.status])).toEqual([
        ['AITelemetry', 'succeeded'],
        ['AITelemetry', 'succeeded'],
        ['Costs', 'succeeded'],
    ]);
}, 120_000);
afterAll(() => {
    delete process.env.HUB_VALIDATION;
    delete process.env.HUB_INSIGHTS;
    rmSync(dir, { recursive: true, force: true });
});

/** Σ over the month's hours of one deployment's usage field. */
const total = (deployment: string, field: 'input' | 'cached' | 'output') =>
    String(
        Array.from({ length: MONTH_HOURS }, (_, hour) => hourUsage(hour)[deployment]?.[field] ?? 0).reduce(
            (a, b) => a + b,
            0,
        ),
    );

/** Pay-as-you-go value of a deployment's tokens at per-1M prices (the retail snapshot's, eastus2). */
function payg(deployment: string, prices: { input: string; cached: string; output: string }): string {
    const uncached = String(Number(total(deployment, 'input')) - Number(total(deployment, 'cached')));
    return decimalSum([
        decimalProduct(uncached, prices.input, '0.000001'),
        decimalProduct(total(deployment, 'cached'), prices.cached, '0.000001'),
        decimalProduct(total(deployment, 'output'), prices.output, '0.000001'),
    ]);
}

describe("the sample's shared AI account", () => {
    it('prices each provisioned deployment against pay-as-you-go: the reserved one saves, the idle one does not', async () => {
        const { code, stdout } = await runCli(['provisioned', ingestion, '--json']);
        expect(code).toBe(0);
        const { deployments, idleReservations } = JSON.parse(stdout) as {
            deployments: Record<string, unknown>[];
            idleReservations: unknown[];
        };
        // The month's published AIAccountCosts are read too: the sample's one reservation was used, so none is idle.
        expect(idleReservations).toEqual([]);
        const byName = new Map(deployments.map((d) => [d.deployment, d]));
        // Global: 50 PTUs × 744 h reserved at 0.36, plus the reservation's 10 unused PTUs (the account used it alone).
        const globalCost = decimalProduct(String(RESERVATION.ptus * 744), RESERVATION.hourlyRate);
        const globalPayg = payg(GLOBAL_PTU, { input: '2.5', cached: '1.25', output: '10' });
        expect(byName.get(GLOBAL_PTU)).toMatchObject({
            deploymentType: 'Global',
            currency: 'USD',
            ptus: '50',
            ptuHours: '37200',
            effectiveCost: globalCost,
            tokens: decimalSum([total(GLOBAL_PTU, 'input'), total(GLOBAL_PTU, 'output')]),
            paygEquivalentCost: globalPayg,
            paygCurrency: 'USD',
            savings: decimalSum([globalPayg, `-${globalCost}`]),
        });
        expect(Number(byName.get(GLOBAL_PTU)?.savings)).toBeGreaterThan(0);
        // Data Zone: 100 PTUs to noon on the 16th, 50 after, at 1.10 per PTU-hour pay-as-you-go.
        const dataZoneHours = 100 * (15 * 24 + 12) + 50 * (MONTH_HOURS - (15 * 24 + 12));
        const dataZonePayg = payg(DATA_ZONE_PTU, { input: '2.75', cached: '1.375', output: '11' });
        expect(byName.get(DATA_ZONE_PTU)).toMatchObject({
            deploymentType: 'DataZone',
            ptus: '50',
            effectiveCost: decimalProduct(String(dataZoneHours), '1.1'),
            paygEquivalentCost: dataZonePayg,
        });
        expect(Number(byName.get(DATA_ZONE_PTU)?.savings)).toBeLessThan(0);
        expect(String(byName.get(DATA_ZONE_PTU)?.flags)).toContain('PtuHoursMismatch');
        expect(deployments).toHaveLength(2);
    });

    it('keeps the snapshot history across telemetry runs: the Data Zone deployment has 100 PTUs before its resize', async () => {
        const rows = await withConnection((connection) =>
            rowsOf(
                connection,
                `select x_DeploymentCapacity::int as ptus, count(*)::int as days
                 from read_parquet(${quotedString(join(ingestion, 'AIDeployments/**/*.parquet'))})
                 where x_DeploymentName = '${DATA_ZONE_PTU}' group by all order by ptus`,
            ),
        );
        expect(rows).toEqual([
            { ptus: 50, days: 16 },
            { ptus: 100, days: 15 },
        ]);
    });

    it('allocates every dollar of the account to teams exactly, the tokens no team reported to unallocated', async () => {
        const [sums] = await withConnection((connection) =>
            rowsOf(
                connection,
                `with allocated as (
                     select x_ChargeDate, sum(EffectiveCost) as cost
                     from read_parquet(${quotedString(join(ingestion, 'CostAllocation/**/*.parquet'))}) group by all),
                 billed as (
                     select x_ChargeDate, sum(EffectiveCost) as cost
                     from read_parquet(${quotedString(join(ingestion, 'AIAccountCosts/**/*.parquet'))})
                     where EffectiveCost <> 0 and ChargeCategory = 'Usage' group by all)
                 select count(*)::int as days, count(*) filter (where allocated.cost = billed.cost)::int as exact,
                     sum(allocated.cost)::varchar as allocated
                 from allocated full join billed using (x_ChargeDate)`,
            ),
        );
        expect(sums).toMatchObject({ days: 31, exact: 31 });
        const { stdout } = await runCli(['tokens', ingestion, '--by', 'consumer', '--json']);
        const matrix = JSON.parse(stdout) as { rows: { consumer: string }[] };
        expect(matrix.rows.map((row) => row.consumer)).toEqual(['marketing', 'search', 'support', 'unallocated']);
    });

    it('shows the Provisioned throughput and By consumer sections in the report', async () => {
        const out = join(dir, 'report.html');
        const { code } = await runCli(['report', ingestion, '--out', out]);
        expect(code).toBe(0);
        const html = readFileSync(out, 'utf8');
        expect(html).toContain('<h2>Provisioned throughput</h2>');
        expect(html).toContain(`data-deployment="${GLOBAL_PTU}"`);
        expect(html).toContain('PTU saves');
        expect(html).toContain('pay-as-you-go cheaper by');
        expect(html).toContain('data-consumer="search"');
    });
});

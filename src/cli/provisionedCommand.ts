import { PipelineError } from '../errors';
import { idleReservations } from '../reports/capacity/idleReservations';
import { loadCapacity } from '../reports/capacity/loadCapacity';
import { provisionedSummary } from '../reports/capacity/provisionedSummary';
import type { CommandModule } from './commandModule';
import { formatProvisioned } from './formatProvisioned';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub provisioned <ingestion-dir> [--month YYYY-MM] [--scope <scope>] [--json]` */
export const provisionedCommand: CommandModule = (program, io, result) => {
    program
        .command('provisioned')
        .description(
            'Print provisioned throughput (PTU) economics per deployment: cost, tokens, cost per 1M tokens, utilization, pay-as-you-go equivalent.',
        )
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--month <yyyy-mm>', 'month (default: the latest with AIProvisioned data)')
        .option('--scope <scope>', 'only this telemetry scope folder, e.g. subscriptions/<id>')
        .option(
            '--json',
            'print {"deployments": [...], "idleReservations": [...]} with money and tokens as exact decimal strings',
        )
        .action((dir: string, options: { month?: string; scope?: string; json?: boolean }) =>
            reportingUsageErrors('provisioned', io, result, async () => {
                const month = monthOption(options.month);
                const summary = await withIngestion(dir, async (store, connection, scratch) => {
                    const loaded = await loadCapacity(connection, store, { month, scopes: options.scope }, scratch);
                    if (!loaded) {
                        throw new PipelineError(
                            'NoPublishedData',
                            `no published AIProvisioned data${month ? ` for ${month}` : ''}${options.scope ? ` of scope ${options.scope}` : ''} under ${store.location}; land telemetry (finops-hub telemetry pull) and process it.`,
                        );
                    }
                    const deployments = await provisionedSummary(connection, loaded.month);
                    // Reservations belong to billing scopes, not to a telemetry scope: listed for the whole hub only.
                    if (options.scope) return { deployments };
                    return {
                        deployments,
                        idleReservations: await idleReservations(connection, store, loaded.month, scratch),
                    };
                });
                io.stdout(
                    options.json
                        ? `${JSON.stringify(summary)}\n`
                        : formatProvisioned(summary.deployments, summary.idleReservations ?? []),
                );
            }),
        );
};

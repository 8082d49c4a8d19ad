import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

import { DefaultAzureCredential } from '@azure/identity';

import { createFolderStore } from '../adapters/folderStore';
import { createTelemetrySource } from '../adapters/telemetry/createTelemetrySource';
import { readCliConfig } from '../config';
import { pullTelemetry } from '../pipeline/pullTelemetry';
import type { CommandModule } from './commandModule';
import { pullPeriods, subscriptionOption } from './telemetryPullOptions';
import { reportingUsageErrors } from './usageErrors';

interface Options {
    subscription: string;
    from?: string;
    to?: string;
    out: string;
    account: string[];
    appInsights?: string;
    consumerDimension?: string;
    deploymentDimension?: string;
}

/**
 * `finops-hub telemetry pull --subscription <id> --out <msexports-dir>`: lands the subscription's AI telemetry (one
 * folder per month) with the signed-in identity (`az login`, DefaultAzureCredential), for `process` to read.
 */
export const telemetryCommand: CommandModule = (program, io, result) => {
    program
        .command('telemetry')
        .description('AI telemetry: deployment inventory, token metrics and consumer metrics of Azure AI accounts.')
        .command('pull')
        .description("Fetch a subscription's AI telemetry into telemetry folders under <msexports-dir> (az login).")
        .requiredOption('--subscription <id>', 'subscription whose Azure OpenAI / AI Services accounts to pull')
        .requiredOption('--out <msexports-dir>', 'folder laid out like the msexports container')
        .option(
            '--from <date>',
            'start (YYYY-MM-DD or ISO time, within the last 93 days; default: the 1st of this month)',
        )
        .option('--to <date>', 'end, exclusive (default: now)')
        .option(
            '--account <id>',
            'only this account (resource id); repeat for more',
            (id, all: string[]) => [...all, id],
            [],
        )
        .option(
            '--app-insights <id>',
            'Application Insights resource with API Management token metrics (default: HUB_TELEMETRY_APPINSIGHTS_ID)',
        )
        .option(
            '--consumer-dimension <name>',
            'custom dimension naming the consumer (default: HUB_TELEMETRY_CONSUMER_DIMENSION, else "Subscription ID")',
        )
        .option(
            '--deployment-dimension <name>',
            'custom dimension naming the deployment (default: HUB_TELEMETRY_DEPLOYMENT_DIMENSION, else "Deployment")',
        )
        .action((options: Options) =>
            reportingUsageErrors('telemetry pull', io, result, async () => {
                const subscriptionId = subscriptionOption(options.subscription);
                const now = new Date();
                const periods = pullPeriods(options.from, options.to, now);
                const settings = readCliConfig().telemetry;
                const appInsightsId = options.appInsights ?? settings.appInsightsId;
                const source = createTelemetrySource(new DefaultAzureCredential());
                const exports = createFolderStore(resolve(options.out));
                for (const period of periods) {
                    const name = await pullTelemetry(
                        {
                            subscriptionId,
                            ...(options.account.length > 0 ? { accounts: options.account } : {}),
                            ...period,
                            pulledAt: now,
                            runId: randomUUID(),
                            ...(appInsightsId
                                ? {
                                      consumers: {
                                          appInsightsId,
                                          dimension: options.consumerDimension ?? settings.consumerDimension,
                                          deploymentDimension:
                                              options.deploymentDimension ?? settings.deploymentDimension,
                                      },
                                  }
                                : {}),
                        },
                        source,
                        exports,
                        (line) => io.stderr(`${line}\n`),
                    );
                    io.stdout(`${name}\n`);
                }
            }),
        );
};

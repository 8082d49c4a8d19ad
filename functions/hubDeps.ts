import { InvocationContext } from '@azure/functions';

import { createAzureDeps } from '../src/adapters/azureDeps';
import { readConfig } from '../src/config';
import { PipelineDeps } from '../src/pipeline/pipelineDeps';
import { createInsights } from '../src/reports/insightsPort';

let shared: Omit<PipelineDeps, 'log'> | undefined;

/** Pipeline dependencies for one invocation: the process's Azure Storage adapters, logging to this invocation. */
export function hubDeps(context: InvocationContext): PipelineDeps {
    if (!shared) {
        const config = readConfig();
        const insights = config.insights ? createInsights({ anomalyThreshold: config.anomalyThreshold }) : undefined;
        shared = { ...createAzureDeps(config), insights };
    }
    return { ...shared, log: (message) => context.log(message) };
}

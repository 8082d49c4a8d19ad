import { InvocationContext } from '@azure/functions';

import { createAzureDeps } from '../src/adapters/azureDeps';
import { readConfig } from '../src/config';
import type { InsightsPort } from '../src/pipeline/insightsPort';
import { PipelineDeps } from '../src/pipeline/pipelineDeps';
import { createInsights } from '../src/reports/insightsPort';

let shared: { azure: Omit<PipelineDeps, 'log' | 'insights'>; insights: InsightsPort | undefined } | undefined;

/**
 * Pipeline dependencies for one invocation: the process's Azure Storage adapters and insights, logging to this
 * invocation. The adapters' object is copied per invocation, not once, so deps it exposes as getters are read anew.
 */
export function hubDeps(context: InvocationContext): PipelineDeps {
    if (!shared) {
        const config = readConfig();
        const insights = config.insights ? createInsights({ anomalyThreshold: config.anomalyThreshold }) : undefined;
        shared = { azure: createAzureDeps(config), insights };
    }
    return { insights: shared.insights, ...shared.azure, log: (message) => context.log(message) };
}

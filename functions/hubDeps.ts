import { InvocationContext } from '@azure/functions';

import { createAzureDeps } from '../src/adapters/azureDeps';
import { readConfig } from '../src/config';
import type { InsightsPort } from '../src/pipeline/insightsPort';
import { PipelineDeps } from '../src/pipeline/pipelineDeps';
import { createInsights } from '../src/reports/insightsPort';

let azure: ReturnType<typeof createAzureDeps> | undefined;
let insights: InsightsPort | undefined;

/**
 * Pipeline dependencies for one invocation: the process's Azure Storage adapters (built once, then copied per
 * invocation, never frozen into a second object) and the insights of the registry, logging to this invocation.
 */
export function hubDeps(context: InvocationContext): PipelineDeps {
    if (!azure) {
        const config = readConfig();
        insights = config.insights ? createInsights({ anomalyThreshold: config.anomalyThreshold }) : undefined;
        azure = createAzureDeps(config);
    }
    return { insights, ...azure, log: (message) => context.log(message) };
}

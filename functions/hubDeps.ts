import { InvocationContext } from '@azure/functions';

import { createAzureDeps } from '../src/adapters/azureDeps';
import { readConfig } from '../src/config';
import { PipelineDeps } from '../src/pipeline/pipelineDeps';

let config: ReturnType<typeof readConfig> | undefined;

/** Pipeline dependencies for one invocation: Azure Storage adapters logging to the invocation's context. */
export function hubDeps(context: InvocationContext): PipelineDeps {
    config ??= readConfig();
    return createAzureDeps(config, (message) => context.log(message));
}

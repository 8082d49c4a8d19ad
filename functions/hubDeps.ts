import { InvocationContext } from '@azure/functions';

import { createAzureDeps } from '../src/adapters/azureDeps';
import { readConfig } from '../src/config';
import { PipelineDeps } from '../src/pipeline/pipelineDeps';

let shared: ReturnType<typeof createAzureDeps> | undefined;

/** Pipeline dependencies for one invocation: the process's Azure Storage adapters, logging to this invocation. */
export function hubDeps(context: InvocationContext): PipelineDeps {
    shared ??= createAzureDeps(readConfig());
    return { ...shared, log: (message) => context.log(message) };
}

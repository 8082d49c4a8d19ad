import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Records the body text of every successful answer a client's pipeline receives while `during` runs, in order: the
 * SDKs deserialize responses, the hub lands them exactly as the service sent them. The policy sits outside the retry
 * policy, so it sees only the final answer of each request. Calls on one client must not overlap.
 */
export function bodyRecorder(pipeline: Pipeline, name: string) {
    let bodies: string[] | undefined;
    const policy: PipelinePolicy = {
        name,
        async sendRequest(request, next) {
            const response = await next(request);
            if (bodies && response.status >= 200 && response.status < 300) bodies.push(response.bodyAsText ?? '');
            return response;
        },
    };
    pipeline.addPolicy(policy);
    return async (during: () => Promise<unknown>): Promise<string[]> => {
        bodies = [];
        try {
            await during();
            return bodies;
        } finally {
            bodies = undefined;
        }
    };
}

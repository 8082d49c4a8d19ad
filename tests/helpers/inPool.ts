/** Runs `jobs` with at most `size` at once (rejecting with the first failure); resolves when all are done. */
export async function inPool(jobs: (() => Promise<unknown>)[], size: number): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < jobs.length) {
            const job = jobs[next++];
            if (job) await job();
        }
    };
    await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
}

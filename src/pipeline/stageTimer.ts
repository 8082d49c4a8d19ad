/** Wall-clock milliseconds per named stage of one piece of work, for logs and benchmarks. */
export interface StageTimer {
    time<T>(stage: string, work: () => Promise<T>): Promise<T>;
    /** `download 120 ms, transform 900 ms, …` in the order the stages ran. */
    summary(): string;
}

export function stageTimer(): StageTimer {
    const stages = new Map<string, number>();
    return {
        async time(stage, work) {
            const start = performance.now();
            try {
                return await work();
            } finally {
                stages.set(stage, (stages.get(stage) ?? 0) + performance.now() - start);
            }
        },
        summary: () => [...stages].map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', '),
    };
}

/** Where CLI commands write, and how they report their exit code; tests pass their own. */
export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** True when stderr is a terminal (progress lines are drawn only then). */
    isTty: boolean;
}

export const processIo: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY),
};

/** Exit codes: 0 all good, 1 the work ran and something failed (or was left unfinished), 2 the command line was wrong or another process holds the run state. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

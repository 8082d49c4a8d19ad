import { PipelineError } from '../errors';
import { CliIo, EXIT } from './cliIo';

/**
 * Runs a command's work; a wrong option (`UsageError`) or a folder without the data it needs (`NoPublishedData`)
 * prints `finops-hub <command>: <message>` and sets exit code 2. Anything else propagates.
 */
export async function reportingUsageErrors(
    command: string,
    io: CliIo,
    result: { code: number },
    work: () => Promise<void>,
): Promise<void> {
    try {
        await work();
    } catch (error) {
        if (!(error instanceof PipelineError) || (error.code !== 'UsageError' && error.code !== 'NoPublishedData')) {
            throw error;
        }
        io.stderr(`finops-hub ${command}: ${error.message}\n`);
        result.code = EXIT.usage;
    }
}

/** `--month` checked as YYYY-MM. */
export function monthOption(month: string | undefined): string | undefined {
    if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        throw new PipelineError('UsageError', `--month must be YYYY-MM, got "${month}".`);
    }
    return month;
}

import { Command, CommanderError } from 'commander';

import { PipelineError } from '../errors';
import { INSIGHTS } from '../reports/insights';
import { CliIo, EXIT, processIo } from './cliIo';
import type { CommandModule } from './commandModule';
import { insightCommand } from './insightCommand';
import { processCommand } from './processCommand';
import { provisionedCommand } from './provisionedCommand';
import { reportCommand } from './reportCommand';
import { sampleCommand } from './sampleCommand';
import { telemetryCommand } from './telemetryCommand';
import { tokensCommand } from './tokensCommand';
import { validateCommand } from './validateCommand';
import { viewsCommand } from './viewsCommand';

const commands: CommandModule[] = [
    processCommand,
    sampleCommand,
    validateCommand,
    tokensCommand,
    ...INSIGHTS.map(insightCommand),
    reportCommand,
    viewsCommand,
    telemetryCommand,
    provisionedCommand,
];

/** Runs the `finops-hub` CLI and resolves to its exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
    const result = { code: EXIT.ok as number };
    const program = new Command('finops-hub')
        .description('FinOps hub: Cost Management exports to FOCUS 1.2 Parquet, on a laptop or in Azure Functions.')
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    for (const register of commands) register(program, io, result);
    try {
        await program.parseAsync(argv);
        return result.code;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        }
        const coded = error instanceof PipelineError ? `${error.code}: ${error.message}` : undefined;
        io.stderr(`finops-hub: ${coded ?? (error instanceof Error ? error.message : String(error))}\n`);
        const usage = error instanceof PipelineError && (error.code === 'UsageError' || error.code === 'StateLocked');
        return usage ? EXIT.usage : EXIT.failed;
    }
}

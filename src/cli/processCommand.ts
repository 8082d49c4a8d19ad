import { processExports } from '../pipeline/processExports';
import { EXIT } from './cliIo';
import { CommandModule } from './finopsHub';
import { createLocalDeps } from './localDeps';
import { formatRunTable, runSummary } from './runSummary';

/** `finops-hub process <msexports-dir> --out <ingestion-dir>`: the hub pipeline over local folders. */
export const processCommand: CommandModule = (program, io, result) => {
    program
        .command('process')
        .description('Convert every export run found in <msexports-dir> into FOCUS 1.2 Parquet under --out.')
        .argument('<msexports-dir>', 'folder laid out like the msexports container (manifest.json + parts)')
        .requiredOption('--out <ingestion-dir>', 'folder to write the ingestion container layout into')
        .option('--state <dir>', 'run-state folder (default: <ingestion-dir>/.finops-hub)')
        .option('--json', 'print one JSON object with every run instead of a table')
        .action(async (exportsDir: string, options: { out: string; state?: string; json?: boolean }) => {
            const log = (message: string) => options.json || io.stderr(`  ${message}\n`);
            const deps = createLocalDeps(exportsDir, options.out, options.state, io.isTty ? () => {} : log);
            const runs = await processExports(deps, ({ run }, index, total) => {
                if (io.isTty && !options.json)
                    io.stderr(`[${index}/${total}] ${run.status} ${run.scope} ${run.month}\n`);
            });
            const summaries = runs.map(runSummary);
            io.stdout(options.json ? `${JSON.stringify({ runs: summaries })}\n` : formatRunTable(summaries));
            result.code = summaries.some((r) => r.status === 'failed') ? EXIT.failed : EXIT.ok;
        });
};

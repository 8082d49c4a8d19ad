import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { lockFolders } from '../adapters/folderLock';
import { strictValidation } from '../config';
import { TERMINAL } from '../pipeline/ports';
import { processExports } from '../pipeline/processExports';
import { EXIT } from './cliIo';
import type { CommandModule } from './commandModule';
import { createLocalDeps } from './localDeps';
import { formatRunTable, runSummary } from './runSummary';

interface Options {
    out: string;
    state?: string;
    json?: boolean;
    strict?: boolean;
    wait: string;
}

/** The output folder's lock: a second process writing the same output waits for it, whatever its --state. */
const LOCK_FILE = '.finops-hub.lock';

/** `finops-hub process <msexports-dir> --out <ingestion-dir>`: the hub pipeline over local folders. */
export const processCommand: CommandModule = (program, io, result) => {
    program
        .command('process')
        .description('Convert every export run found in <msexports-dir> into FOCUS 1.2 Parquet under --out.')
        .argument('<msexports-dir>', 'folder laid out like the msexports container (manifest.json + parts)')
        .requiredOption('--out <ingestion-dir>', 'folder to write the ingestion container layout into')
        .option('--state <dir>', 'run-state folder (default: <ingestion-dir>/.finops-hub)')
        .option('--wait <seconds>', 'wait this long for another process using the same output or state', '0')
        .option('--json', 'print one JSON object with every run instead of a table')
        .option(
            '--strict',
            'fail, unpublished, a run whose output fails a MUST rule the hub could have prevented (every row checked, unless HUB_VALIDATION names a mode)',
        )
        .action(async (exportsDir: string, options: Options) => {
            const stateDir = resolve(options.state ?? join(options.out, '.finops-hub'));
            const problem = usageProblem(exportsDir, options.out, stateDir, options.wait);
            if (problem) {
                io.stderr(`finops-hub process: ${problem}\n`);
                result.code = EXIT.usage;
                return;
            }
            const outDir = resolve(options.out);
            const locks = await lockFolders([join(stateDir, 'lock'), join(outDir, LOCK_FILE)], Number(options.wait));
            const log = (message: string) => options.json || io.stderr(`  ${message}\n`);
            const deps = createLocalDeps(exportsDir, outDir, stateDir, io.isTty ? () => {} : log);
            try {
                deps.checkLock = () => locks.check();
                if (options.strict) deps.validation = strictValidation(deps.validation);
                if (deps.validation.strict && deps.validation.mode === 'off') {
                    io.stderr('finops-hub process: --strict needs validation: unset HUB_VALIDATION=off.\n');
                    result.code = EXIT.usage;
                    return;
                }
                const { runs, unplanned } = await processExports(deps, ({ run }, index, total) => {
                    if (io.isTty && !options.json)
                        io.stderr(`[${index}/${total}] ${run.status} ${run.scope} ${run.month}\n`);
                });
                const summaries = runs.map(runSummary);
                io.stdout(
                    options.json ? `${JSON.stringify({ runs: summaries, unplanned })}\n` : formatRunTable(summaries),
                );
                for (const { manifest, error } of unplanned) io.stderr(`Not processed: ${manifest}: ${error}\n`);
                const unfinished = runs.some(({ run }) => run.status === 'failed' || !TERMINAL.includes(run.status));
                result.code = unfinished || unplanned.length > 0 ? EXIT.failed : EXIT.ok;
            } finally {
                await deps.workspace.close();
                await locks.release();
            }
        });
};

/** Why the folders cannot be used, or undefined: the input must exist, and nothing the hub writes may lie inside it. */
function usageProblem(exportsDir: string, outDir: string, stateDir: string, wait: string): string | undefined {
    if (!/^\d+$/.test(wait)) return `--wait must be a whole number of seconds, got "${wait}".`;
    if (!existsSync(exportsDir) || !statSync(exportsDir).isDirectory()) {
        return `no such folder: ${exportsDir} (the first argument is the folder holding the exports).`;
    }
    const input = realpathSync(exportsDir);
    for (const [flag, dir] of [
        ['--out', outDir],
        ['--state', stateDir],
    ] as const) {
        const inside = relative(input, realPath(resolve(dir)));
        if (!inside.startsWith('..') && !inside.startsWith('/')) {
            return `${flag} ${dir} is inside the exports folder ${exportsDir}; the hub would read its own output as exports. Choose a folder outside it.`;
        }
    }
    return undefined;
}

/** The real path of `path`, or of its nearest existing parent with the rest appended (it may not exist yet). */
function realPath(path: string): string {
    if (existsSync(path)) return realpathSync(path);
    const parent = resolve(path, '..');
    return parent === path ? path : join(realPath(parent), relative(parent, path));
}

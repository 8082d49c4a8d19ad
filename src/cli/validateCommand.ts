import { existsSync, statSync } from 'node:fs';

import { quotedString } from '@duckdb/node-api';

import { withDuckDb } from '../adapters/duckdb';
import { readCliConfig } from '../config';
import { PipelineError } from '../errors';
import { isParquetFile } from '../focus/parquet/parquetFooter';
import { conforms, formatValidation, summarize, validateFocus } from '../focus/validation';
import { EXIT } from './cliIo';
import type { CommandModule } from './commandModule';
import { parquetFilesUnder } from './parquetFilesUnder';

/** `finops-hub validate <parquet-file-or-folder> [--json] [--rules <glob>] [--criteria <list>]` */
export const validateCommand: CommandModule = (program, io, result) => {
    const usageError = (message: string): undefined => {
        io.stderr(`finops-hub validate: ${message}\n`);
        result.code = EXIT.usage;
        return undefined;
    };
    program
        .command('validate')
        .description('Check FOCUS 1.2 Parquet data against the FinOps Foundation requirements model.')
        .argument('<path>', 'a Parquet file, or a folder searched for **/*.parquet')
        .option('--json', 'print the summary as JSON')
        .option('--rules <glob>', 'report only rules whose id matches (comma-separated globs, e.g. "BilledCost-*")')
        .option('--criteria <list>', 'comma-separated applicability criteria (default: Microsoft Azure)')
        .action(async (path: string, options: { json?: boolean; rules?: string; criteria?: string }) => {
            if (!existsSync(path)) return usageError(`no such file or folder: ${path}`);
            // The files listed one by one, not as a glob: a folder named `b[1]` is no pattern.
            const files = statSync(path).isDirectory() ? parquetFilesUnder(path) : [path];
            if (files.length === 0) return usageError(`no .parquet file under ${path}`);
            const notParquet = files.find((file) => !isParquetFile(file));
            if (notParquet !== undefined) return usageError(`not a Parquet file: ${notParquet}`);
            const list = `[${files.map((file) => quotedString(file)).join(', ')}]`;
            const report = await withDuckDb(readCliConfig().duckdb, async (connection) => {
                await connection.run(`create view focus as select * from read_parquet(${list})`);
                return validateFocus(connection, 'focus', {
                    rules: options.rules,
                    criteria: options.criteria?.split(',').map((name) => name.trim()),
                });
            }).catch((error: unknown) => {
                if (error instanceof PipelineError && error.code === 'UsageError') return usageError(error.message);
                throw error;
            });
            if (report === undefined) return;
            io.stdout(options.json ? `${JSON.stringify(summarize(report))}\n` : formatValidation(report));
            result.code = conforms(report) ? EXIT.ok : EXIT.failed;
        });
};

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { withDuckDb } from '../adapters/duckdb';
import { readConfig } from '../config';
import { AI_UNIT_ECONOMICS } from '../focus/aiUnitEconomics';
import { EXIT } from './cliIo';
import type { CommandModule } from './finopsHub';
import { formatTokenMatrix, queryTokenMatrix, TOKEN_DIMENSIONS } from './tokensMatrix';

type Dimension = (typeof TOKEN_DIMENSIONS)[number];
const isDimension = (name: string): name is Dimension => (TOKEN_DIMENSIONS as readonly string[]).includes(name);

/** `finops-hub tokens <ingestion-dir> [--month YYYY-MM] [--by model,direction,…] [--json]` */
export const tokensCommand: CommandModule = (program, io, result) => {
    const usageError = (message: string) => {
        io.stderr(`finops-hub tokens: ${message}\n`);
        result.code = EXIT.usage;
    };
    program
        .command('tokens')
        .description('Print AI tokens, effective cost and cost per 1M tokens by model and direction, with totals.')
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--month <yyyy-mm>', 'only this month of charges (default: every month)')
        .option('--by <dimensions>', `comma-separated, from: ${TOKEN_DIMENSIONS.join(', ')}`, 'model,direction')
        .option('--json', 'print {"rows", "totals", "cacheHitRatio", "batchShare"} as JSON')
        .action(async (dir: string, options: { month?: string; by: string; json?: boolean }) => {
            const by = [...new Set(options.by.split(',').map((name) => name.trim().toLowerCase()))];
            const unknown = by.filter((name) => !isDimension(name));
            if (unknown.length > 0)
                return usageError(`unknown --by ${unknown.join(', ')}; use ${TOKEN_DIMENSIONS.join(', ')}.`);
            if (options.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) {
                return usageError(`--month must be YYYY-MM, got "${options.month}".`);
            }
            const folder = join(resolve(dir), AI_UNIT_ECONOMICS);
            if (
                !existsSync(folder) ||
                !readdirSync(folder, { recursive: true }).some((f) => String(f).endsWith('.parquet'))
            ) {
                return usageError(`no ${AI_UNIT_ECONOMICS} Parquet files under ${folder}.`);
            }
            const dimensions = by.filter(isDimension);
            const matrix = await withDuckDb(readConfig().duckdb, (connection) =>
                queryTokenMatrix(connection, folder, options.month, dimensions),
            );
            io.stdout(options.json ? `${JSON.stringify(matrix)}\n` : formatTokenMatrix(matrix, dimensions));
        });
};

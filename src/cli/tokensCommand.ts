import { PipelineError } from '../errors';
import { TOKEN_DIMENSIONS, TokenDimension } from '../reports/tokens/queryTokenMatrix';
import { tokenMatrixReport } from '../reports/tokens/tokenMatrixReport';
import type { CommandModule } from './commandModule';
import { formatTokenMatrix } from './formatTokenMatrix';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

const isDimension = (name: string): name is TokenDimension => (TOKEN_DIMENSIONS as readonly string[]).includes(name);

/** `finops-hub tokens <ingestion-dir> [--month YYYY-MM] [--by model,direction,…] [--json]` */
export const tokensCommand: CommandModule = (program, io, result) => {
    program
        .command('tokens')
        .description('Print AI tokens, effective cost and cost per 1M tokens by model and direction, with totals.')
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--month <yyyy-mm>', 'only this month of charges (default: every month)')
        .option('--by <dimensions>', `comma-separated, from: ${TOKEN_DIMENSIONS.join(', ')}`, 'model,direction')
        .option('--json', 'print {"rows", "totals", "cacheHitRatio", "batchShare"} as JSON')
        .action((dir: string, options: { month?: string; by: string; json?: boolean }) =>
            reportingUsageErrors('tokens', io, result, async () => {
                const by = [...new Set(options.by.split(',').map((name) => name.trim().toLowerCase()))];
                const unknown = by.filter((name) => !isDimension(name));
                if (unknown.length > 0) {
                    throw new PipelineError(
                        'UsageError',
                        `unknown --by ${unknown.join(', ')}; use ${TOKEN_DIMENSIONS.join(', ')}.`,
                    );
                }
                const month = monthOption(options.month);
                const dimensions = by.filter(isDimension);
                const matrix = await withIngestion(dir, (store, connection, scratch) =>
                    tokenMatrixReport(connection, store, { month, by: dimensions }, scratch),
                );
                io.stdout(options.json ? `${JSON.stringify(matrix)}\n` : formatTokenMatrix(matrix, dimensions));
            }),
        );
};

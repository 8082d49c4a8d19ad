import { analyseSelection } from '../reports/analyseSelection';
import type { CommandModule } from './finopsHub';
import { forecastJson, formatForecasts } from './formatInsights';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub forecast <ingestion-dir> [--month YYYY-MM] [--scope <scope>] [--json]` */
export const forecastCommand: CommandModule = (program, io, result) => {
    program
        .command('forecast')
        .description('Print the month-end AI effective cost forecast, overall and per model, with an 80 % interval.')
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--month <yyyy-mm>', 'month to forecast (default: the latest published)')
        .option('--scope <scope>', 'one scope folder, e.g. subscriptions/<id> (default: every scope)')
        .option('--json', 'print {"forecasts":[…]} as JSON')
        .action((dir: string, options: { month?: string; scope?: string; json?: boolean }) =>
            reportingUsageErrors('forecast', io, result, async () => {
                const selection = { month: monthOption(options.month), scope: options.scope };
                const { history, forecasts } = await withIngestion(dir, (store, connection, scratch) =>
                    analyseSelection(connection, store, selection, scratch),
                );
                io.stdout(
                    options.json
                        ? `${JSON.stringify({ forecasts: forecasts.map(forecastJson) })}\n`
                        : formatForecasts(forecasts, history.month),
                );
            }),
        );
};

import { analyseSelection } from '../reports/analyseSelection';
import type { CommandModule } from './finopsHub';
import { anomalyJson, formatAnomalies } from './formatInsights';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub anomalies <ingestion-dir> [--month YYYY-MM] [--scope <scope>] [--json]` */
export const anomaliesCommand: CommandModule = (program, io, result) => {
    program
        .command('anomalies')
        .description('Print the days of a month when AI cost or cost per 1M tokens broke from its own baseline.')
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--month <yyyy-mm>', 'month to judge (default: the latest published)')
        .option('--scope <scope>', 'one scope folder, e.g. subscriptions/<id> (default: every scope)')
        .option('--json', 'print {"anomalies":[…]} as JSON')
        .action((dir: string, options: { month?: string; scope?: string; json?: boolean }) =>
            reportingUsageErrors('anomalies', io, result, async () => {
                const selection = { month: monthOption(options.month), scope: options.scope };
                const { history, anomalies } = await withIngestion(dir, (store, connection, scratch) =>
                    analyseSelection(connection, store, selection, scratch),
                );
                io.stdout(
                    options.json
                        ? `${JSON.stringify({ anomalies: anomalies.map(anomalyJson) })}\n`
                        : formatAnomalies(anomalies, history.month),
                );
            }),
        );
};

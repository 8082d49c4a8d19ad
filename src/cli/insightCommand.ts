import { readCliConfig } from '../config';
import { analyseSelection } from '../reports/analyseSelection';
import { type Insight, resultOf } from '../reports/insight';
import type { CommandModule } from './commandModule';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub <insight> <ingestion-dir> [--month YYYY-MM] [--scope <scope>] [--json]`, for any insight of the registry. */
export function insightCommand(insight: Insight<unknown>): CommandModule {
    return (program, io, result) => {
        program
            .command(insight.name)
            .description(insight.description)
            .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
            .option('--month <yyyy-mm>', 'month to look at (default: the latest published)')
            .option('--scope <scope>', 'one scope folder, e.g. subscriptions/<id> (default: every scope)')
            .option('--json', 'print JSON')
            .action((dir: string, options: { month?: string; scope?: string; json?: boolean }) =>
                reportingUsageErrors(insight.name, io, result, async () => {
                    const selection = { month: monthOption(options.month), scope: options.scope };
                    const settings = { anomalyThreshold: readCliConfig().anomalyThreshold };
                    const analysis = await withIngestion(dir, (store, connection, scratch) =>
                        analyseSelection(connection, store, selection, scratch, settings, [insight]),
                    );
                    const value = resultOf(analysis, insight);
                    io.stdout(
                        options.json
                            ? `${JSON.stringify(insight.json(value))}\n`
                            : insight.text(value, analysis.history.month),
                    );
                }),
            );
    };
}

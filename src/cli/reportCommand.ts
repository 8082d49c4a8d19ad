import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { readCliConfig } from '../config';
import { analyseSelection } from '../reports/analyseSelection';
import { buildReport } from '../reports/report/buildReport';
import type { CommandModule } from './commandModule';
import { monthOption, reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub report <ingestion-dir> --out report.html [--month YYYY-MM] [--scope <scope>]` */
export const reportCommand: CommandModule = (program, io, result) => {
    program
        .command('report')
        .description(
            'Write one self-contained HTML report of AI cost: matrices, trends, anomalies, forecast, allocation.',
        )
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .requiredOption('--out <file>', 'HTML file to write')
        .option('--month <yyyy-mm>', 'month to report (default: the latest published)')
        .option('--scope <scope>', 'one scope folder, e.g. subscriptions/<id> (default: every scope)')
        .action((dir: string, options: { out: string; month?: string; scope?: string }) =>
            reportingUsageErrors('report', io, result, async () => {
                const selection = { month: monthOption(options.month), scope: options.scope };
                const settings = { anomalyThreshold: readCliConfig().anomalyThreshold };
                const html = await withIngestion(dir, async (store, connection, scratch) => {
                    const analysis = await analyseSelection(connection, store, selection, scratch, settings);
                    return buildReport(connection, store, analysis, { ...selection, scratchDir: scratch });
                });
                const out = resolve(options.out);
                writeFileSync(out, html, 'utf8');
                io.stdout(`Report: ${out}\n`);
            }),
        );
};

import { resolve } from 'node:path';

import { publishedViewsSql } from '../reports/views/publishedViewsSql';
import type { CommandModule } from './commandModule';
import { reportingUsageErrors } from './usageErrors';
import { withIngestion } from './withIngestion';

/** `finops-hub views <ingestion-dir> [--prefix <url>]` */
export const viewsCommand: CommandModule = (program, io, result) => {
    program
        .command('views')
        .description(
            'Print DuckDB SQL defining costs, ai_unit_economics, anomalies and forecasts over the published files.',
        )
        .argument('<ingestion-dir>', 'folder laid out like the ingestion container')
        .option('--prefix <url>', 'write paths under this prefix instead of the folder, e.g. az://<account>/ingestion')
        .action((dir: string, options: { prefix?: string }) =>
            reportingUsageErrors('views', io, result, async () => {
                const prefix = (options.prefix ?? resolve(dir)).replace(/\/+$/, '');
                const sql = await withIngestion(dir, (store, connection) =>
                    publishedViewsSql(connection, store, prefix),
                );
                io.stdout(sql);
            }),
        );
};

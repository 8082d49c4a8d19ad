import { DuckDBConnection } from '@duckdb/node-api';

import { loadSql } from './loadAsset';
import { TAG_COLUMNS, TagAliases } from './tagAliases';

/**
 * Loads `aliases` into temp table `hub_tag_aliases` (bound values) and defines view `focus_cost_tags`: `focus_cost_ai`
 * plus x_TagCostCenter, x_TagEnvironment and x_TagApplication read from the row's Tags.
 */
export async function addTagColumns(connection: DuckDBConnection, aliases: TagAliases): Promise<void> {
    await connection.run(
        'create or replace temp table hub_tag_aliases (column_name varchar, alias varchar, priority integer)',
    );
    const appender = await connection.createAppender('hub_tag_aliases');
    try {
        for (const column of TAG_COLUMNS) {
            aliases[column].forEach((alias, priority) => {
                appender.appendVarchar(column);
                appender.appendVarchar(alias.trim().toLowerCase());
                appender.appendInteger(priority);
                appender.endRow();
            });
        }
        appender.flushSync();
    } finally {
        appender.closeSync();
    }
    await connection.run(`create or replace temp view focus_cost_tags as ${loadSql('focus_cost_tags_v1_2')}`);
}

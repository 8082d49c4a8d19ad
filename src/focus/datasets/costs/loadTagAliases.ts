import { DuckDBConnection } from '@duckdb/node-api';

import { TAG_COLUMNS, TagAliases } from './tagAliases';

/**
 * Loads `aliases` into temp table `hub_tag_aliases` (column_name, alias in lower case, priority) with bound values,
 * for focus_cost_tags_v1_2.sql to read x_TagCostCenter, x_TagEnvironment and x_TagApplication from each row's Tags.
 */
export async function loadTagAliases(connection: DuckDBConnection, aliases: TagAliases): Promise<void> {
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
}

import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { PipelineError } from '../../errors';

/** Registers temp view `name` over local Parquet files (columns matched by name across files). */
export async function createParquetView(connection: DuckDBConnection, name: string, paths: string[]): Promise<void> {
    if (paths.length === 0) throw new PipelineError('NoPublishedData', `No Parquet files to read into view ${name}.`);
    const list = paths.map((path) => quotedString(path)).join(', ');
    await connection.run(
        `create or replace temp view ${quotedIdentifier(name)} as select * from read_parquet([${list}], union_by_name = true)`,
    );
}

import { join } from 'node:path';

import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { loadFocusModel } from '../../../src/focus/validation';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'focus-spec-examples');

interface FocusType {
    sql: string;
    /** SQL that is true for a text value `v` this type accepts. */
    accepts: string;
}

const DECIMAL: FocusType = { sql: 'decimal(38,10)', accepts: 'try_cast(v as decimal(38,10)) is not null' };
const DATE_TIME: FocusType = {
    sql: 'timestamptz',
    accepts: "regexp_full_match(v, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ')",
};

/** FOCUS column → its Decimal or DateTime type, read from the model's TypeDecimal / TypeDateTime rules. */
function focusTypes(): Map<string, FocusType> {
    const types = new Map<string, FocusType>();
    for (const rule of loadFocusModel().rules.values()) {
        const { CheckFunction, ColumnName } = rule.ValidationCriteria.Requirement;
        if (ColumnName === undefined) continue;
        if (CheckFunction === 'TypeDecimal') types.set(ColumnName, DECIMAL);
        if (CheckFunction === 'TypeDateTime') types.set(ColumnName, DATE_TIME);
    }
    return types;
}

/**
 * Loads a specification example CSV as view `name`. CSV has no types, so each Decimal or DateTime column is cast when
 * every value in it is a plain number or an ISO 8601 UTC date-time, and is left as text otherwise (so the validator
 * reports the text it found). The examples write null as an empty field or the word `null`.
 */
export async function loadSpecExample(connection: DuckDBConnection, file: string, name: string): Promise<void> {
    const raw = `${name}_text`;
    const path = quotedString(join(FIXTURES, file));
    await connection.run(
        `create table ${quotedIdentifier(raw)} as select * from read_csv(${path}, all_varchar = true, nullstr = ['', 'null'])`,
    );
    const columns = (await connection.runAndReadAll(`describe ${quotedIdentifier(raw)}`))
        .getRowObjectsJson()
        .map((row) => row.column_name as string);
    const types = focusTypes();
    const selects: string[] = [];
    for (const column of columns) {
        const id = quotedIdentifier(column);
        const type = types.get(column);
        const check = `select bool_and(${type?.accepts ?? 'false'}) as ok from (select ${id} as v from ${quotedIdentifier(raw)}) where v is not null`;
        const clean = type !== undefined && (await connection.runAndReadAll(check)).getRowObjects()[0]?.ok === true;
        selects.push(clean ? `cast(${id} as ${type.sql}) as ${id}` : id);
    }
    await connection.run(
        `create view ${quotedIdentifier(name)} as select ${selects.join(', ')} from ${quotedIdentifier(raw)}`,
    );
}

import { DuckDBConnection } from '@duckdb/node-api';

import { loadValidationRows, VALIDATION_ROWS, ValidationMode } from '../validatePart';
import { loadFocusModel, summarize, validateFocus } from '../validation';
import { PartValidation } from '../validation/mergeSummaries';

/** Checks that hold for a FOCUS column in any dataset: its type and format, nothing about when it may be null. */
const COLUMN_CHECKS = /^(Type|Format)|^CheckNationalCurrency$/;

/**
 * FOCUS 1.2 defines only the Cost and Usage dataset, so for the hub's other datasets (Prices, CommitmentDiscountUsage,
 * Recommendations, Transactions) the checks that can be made are those of each FOCUS column's own type and format
 * (Decimal, DateTime, currency codes, units, …): the rules of the columns the file has whose requirement is a type or
 * format check with no condition. Nullability, allowed values and rules between columns describe cost rows, and are
 * not evaluated.
 */
export async function validateFocusColumns(
    connection: DuckDBConnection,
    parquetPath: string,
    mode: Exclude<ValidationMode, 'off'>,
    sampleRows: number,
): Promise<PartValidation> {
    await loadValidationRows(connection, parquetPath, mode, sampleRows);
    const described = await connection.runAndReadAll(`describe select * from ${VALIDATION_ROWS}`);
    const columns = new Set(described.getRows().map(([name]) => String(name)));
    const model = loadFocusModel();
    const ids = [...model.rules].flatMap(([id, rule]) => {
        const { Requirement, Condition } = rule.ValidationCriteria;
        const checked =
            rule.EntityType === 'Column' &&
            columns.has(rule.Reference) &&
            Object.keys(Condition).length === 0 &&
            COLUMN_CHECKS.test(Requirement.CheckFunction ?? '');
        return checked ? [id] : [];
    });
    const report = await validateFocus(connection, VALIDATION_ROWS, { model, sampleRows: 1, rules: ids.join(',') });
    return { rowsChecked: report.rowCount, ...summarize(report) };
}

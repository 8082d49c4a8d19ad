import { InputError } from '../../../errors';
import { SourceColumn, stagingSelect as selectColumns } from '../stagingSelect';
import { costColumnMap } from './costColumns';
import { exportColumns, isFocusCostVersion } from './exportColumns';

/**
 * The select list that turns one FocusCost export part (any supported version, CSV as text or typed Parquet) into the
 * FOCUS 1.2 output columns in order (`only`: just those output columns). A part lacking a column its version must
 * have is a `SchemaMismatch`.
 */
export function stagingSelect(
    sourceColumns: SourceColumn[],
    dataVersion: string,
    partName: string,
    only?: readonly string[],
): string {
    const lowerNames = new Set(sourceColumns.map((column) => column.name.toLowerCase()));
    const expected = isFocusCostVersion(dataVersion) ? exportColumns(dataVersion).map((c) => c.name) : [];
    const missing = expected.filter((name) => !name.startsWith('x_') && !lowerNames.has(name.toLowerCase()));
    if (missing.length > 0) {
        throw new InputError(
            'SchemaMismatch',
            `Part ${partName} lacks FocusCost ${dataVersion} column(s) ${missing.join(', ')}; found ${sourceColumns.length} columns.`,
        );
    }
    const map = costColumnMap();
    const output = map.output.filter((column) => !only || only.includes(column.name));
    return selectColumns(output, sourceColumns, map.dateFormats);
}

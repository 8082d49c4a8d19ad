import { quotedIdentifier, quotedString } from '@duckdb/node-api';

import { InputError } from '../../../errors';
import type { ColumnReading } from '../columnMap';
import { convert, type SourceColumn, SQL_TYPES } from '../stagingSelect';
import { legacyCostMap } from './legacyCostMap';
import type { Agreement } from './legacyExportColumns';

/** The agreement a legacy part comes from, decided by its header: only MCA exports carry pricing-currency columns. */
export function detectAgreement(header: readonly string[]): Agreement {
    const names = new Set(header.map((name) => name.toLowerCase()));
    return legacyCostMap().mcaMarkers.some((marker) => names.has(marker.toLowerCase())) ? 'MCA' : 'EA';
}

/**
 * The select list that reads a legacy part into relation `legacy_source`: every column of the legacy map under its
 * map name, typed, taken from the first of its header names the part has that holds a value (headers match
 * case-insensitively), a typed null when the part has none; then `hub_channel` and `hub_export`. Identifiers are
 * quoted; nothing from the file is pasted as SQL text. Fails with `SchemaMismatch` when a required column is missing.
 */
export function legacySelect(
    sourceColumns: readonly SourceColumn[],
    agreement: Agreement,
    exportType: string,
    partName: string,
): string {
    const map = legacyCostMap();
    const byLowerName = new Map(sourceColumns.map((column) => [column.name.toLowerCase(), column]));
    const found = (headers: readonly string[]) =>
        headers.map((h) => byLowerName.get(h.toLowerCase())).filter((c): c is SourceColumn => c !== undefined);
    const missing = map.columns.filter((c) => map.required.includes(c.name) && found(c.headers).length === 0);
    if (missing.length > 0) {
        const wanted = missing.map((c) => `${c.name} (${c.headers.join(' or ')})`).join(', ');
        throw new InputError(
            'SchemaMismatch',
            `Part ${partName} lacks the ${exportType} column(s) ${wanted}; found ${sourceColumns.length} columns. Check that the export's type and dataVersion match its files.`,
        );
    }
    const columns = map.columns.map((column) => {
        const reading = { type: column.type, dateFormats: map.dateFormats };
        const values = found(column.headers).map((source) => convert(source, reading));
        const value =
            values.length === 0
                ? `null::${SQL_TYPES[column.type]}`
                : values.length === 1
                  ? values[0]
                  : `coalesce(${values.join(', ')})`;
        return `${value} as ${quotedIdentifier(column.name)}`;
    });
    columns.push(`${quotedString(agreement)} as hub_channel`, `${quotedString(exportType)} as hub_export`);
    return columns.join(',\n    ');
}

/** How each header a legacy part may have is read (lower case name → type and date formats). */
export function legacyReadings(): Map<string, ColumnReading> {
    const map = legacyCostMap();
    return new Map(
        map.columns.flatMap((c) =>
            c.headers.map((header) => [header.toLowerCase(), { type: c.type, dateFormats: map.dateFormats }] as const),
        ),
    );
}

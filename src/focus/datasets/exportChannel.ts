import { InputError } from '../../errors';
import type { Channel, ExportMap } from './exportMap';
import { schemaColumns } from './exportMap';
import type { SourceColumn } from './stagingSelect';

/**
 * The channel of a part (EA or MCA, by the column FinOps hubs test for), checked against the hub schema of its
 * dataVersion and channel: a version without that channel, or a part lacking one of the schema's columns (compared
 * ignoring case), is a `SchemaMismatch`. Extra columns are allowed and ignored.
 */
export function exportChannel(
    map: ExportMap,
    columns: readonly SourceColumn[],
    dataVersion: string,
    partName: string,
    baseDir: string,
): Channel {
    const names = new Set(columns.map((column) => column.name.toLowerCase()));
    const channel: Channel = !map.mcaColumn ? 'any' : names.has(map.mcaColumn.toLowerCase()) ? 'MCA' : 'EA';
    const schemas = map.schemas[dataVersion] ?? {};
    const schema = schemas[channel];
    if (schema === undefined) {
        const known = Object.keys(schemas).join(', ');
        throw new InputError(
            'SchemaMismatch',
            `Part ${partName} is an ${channel} ${map.exportType} file (${map.mcaColumn} column ${channel === 'MCA' ? 'present' : 'absent'}), but dataVersion ${dataVersion} exists for ${known} only. Check the export's dataVersion and scope.`,
        );
    }
    const missing = schemaColumns(schema, baseDir)
        .map((column) => column.name)
        .filter((name) => !names.has(name.toLowerCase()));
    if (missing.length > 0) {
        const label = channel === 'any' ? '' : `${channel} `;
        throw new InputError(
            'SchemaMismatch',
            `Part ${partName} lacks ${label}${map.exportType} ${dataVersion} column(s) ${missing.join(', ')}; found ${columns.length} columns.`,
        );
    }
    return channel;
}

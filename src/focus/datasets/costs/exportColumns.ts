import { loadAsset } from '../../loadAsset';

/** FocusCost export dataVersions the hub reads (and the sample generator writes). */
export type FocusCostVersion = '1.0' | '1.0r2' | '1.2-preview' | '1.2';

export const FOCUS_COST_VERSIONS: readonly FocusCostVersion[] = ['1.0', '1.0r2', '1.2-preview', '1.2'];

export function isFocusCostVersion(version: string): version is FocusCostVersion {
    return (FOCUS_COST_VERSIONS as readonly string[]).includes(version);
}

/** Source types the hub schema files use. */
export type ExportColumnType = 'String' | 'Decimal' | 'DateTimeOffset' | 'Boolean';

export interface ExportColumn {
    name: string;
    type: ExportColumnType;
}

interface SchemaFile {
    translator: { mappings: { source: { name: string; type: ExportColumnType } }[] };
}

/**
 * The columns a FocusCost export of `version` has, with their types, in export order (from the hub schema files in
 * `data/export-schemas/`).
 */
export function exportColumns(version: FocusCostVersion): ExportColumn[] {
    const schema = JSON.parse(loadAsset(`data/export-schemas/focuscost_${version}.json`, __dirname)) as SchemaFile;
    return schema.translator.mappings.map(({ source }) => ({ name: source.name, type: source.type }));
}

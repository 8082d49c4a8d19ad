import { loadAsset } from '../loadAsset';
import type { DateFormat, OutputColumn } from './columnMap';

/** Which agreement an export part comes from: told apart by a column only MCA files have, or `any` (one schema). */
export type Channel = 'EA' | 'MCA' | 'any';

/** How a dataset reads one export type: the schemas its parts follow, and the columns it stages from them. */
export interface ExportMap {
    description: string;
    /** exportConfig.type, as manifests spell it. */
    exportType: string;
    /** A header column (compared ignoring case) whose presence marks an MCA part; absent: one schema for all. */
    mcaColumn?: string;
    /** dataVersion → channel → hub schema file (under `data/export-schemas/`) listing the columns a part must have. */
    schemas: Record<string, Partial<Record<Channel, string>>>;
    /** The formats the export writes dates in (every version), unless a staged column names its own. */
    dateFormats: DateFormat[];
    /** The staged relation's columns, typed, each from the first of its export columns a part has. */
    staged: OutputColumn[];
}

/** A column of a hub schema file: its name in the export and its type there (`String`, `Decimal`, …). */
export interface SchemaColumn {
    name: string;
    type: 'String' | 'Decimal' | 'DateTimeOffset' | 'Boolean';
}

interface SchemaFile {
    translator: { mappings: { source: SchemaColumn }[] };
}

/** A dataset's export map (`data/<file>` under `baseDir`, the dataset's folder). */
export function loadExportMap(file: string, baseDir: string): ExportMap {
    return JSON.parse(loadAsset(`data/${file}`, baseDir)) as ExportMap;
}

/** The export columns a hub schema file lists, in export order. */
export function schemaColumns(file: string, baseDir: string): SchemaColumn[] {
    const schema = JSON.parse(loadAsset(`data/export-schemas/${file}`, baseDir)) as SchemaFile;
    return schema.translator.mappings.map(({ source }) => ({ name: source.name, type: source.type }));
}

/** The export types and versions a map reads, for the dataset's registry entry. */
export function exportSource(map: ExportMap): { type: string; versions: string[] } {
    return { type: map.exportType, versions: Object.keys(map.schemas) };
}

import { loadAsset } from '../../loadAsset';

/** Agreements whose cost and usage details differ in names and meaning. */
export type Agreement = 'EA' | 'MCA';

interface ExportColumnsFile {
    versions: Record<string, Record<Agreement, string>>;
    schemas: Record<string, string[]>;
}

let file: ExportColumnsFile | undefined;

function columnsFile(): ExportColumnsFile {
    file ??= JSON.parse(loadAsset('data/legacy-export-columns.json', __dirname)) as ExportColumnsFile;
    return file;
}

/** ActualCost and AmortizedCost dataVersions the hub reads (`data/legacy-export-columns.json`). */
export function legacyCostVersions(): string[] {
    return Object.keys(columnsFile().versions);
}

/** The columns, in file order and documented spelling, of an `agreement` export of `version`. */
export function legacyExportColumns(version: string, agreement: Agreement): string[] {
    const schema = columnsFile().versions[version]?.[agreement];
    const columns = schema === undefined ? undefined : columnsFile().schemas[schema];
    if (!columns) throw new Error(`No ${agreement} cost details schema for dataVersion ${version}`);
    return [...columns];
}

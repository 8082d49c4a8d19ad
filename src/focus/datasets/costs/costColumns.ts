import { loadAsset } from '../../loadAsset';

export type ColumnType = 'string' | 'decimal' | 'datetime' | 'boolean' | 'json';

export interface OutputColumn {
    name: string;
    type: ColumnType;
    /** Source columns to take the value from, first non-null wins; default: the column's own name. */
    sources?: string[];
}

interface CostColumnMap {
    focusVersion: string;
    output: OutputColumn[];
}

let map: CostColumnMap | undefined;

/** The FOCUS 1.2 Costs column map (`data/focus-cost-v1_2.json`): output columns and the export versions read. */
export function costColumnMap(): CostColumnMap {
    map ??= JSON.parse(loadAsset('data/focus-cost-v1_2.json', __dirname)) as CostColumnMap;
    return map;
}

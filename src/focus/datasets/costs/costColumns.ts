import { loadAsset } from '../../loadAsset';
import type { DateFormat, OutputColumn } from '../columnMap';

export type { ColumnType, OutputColumn } from '../columnMap';

interface CostColumnMap {
    focusVersion: string;
    /** The formats FocusCost exports write dates in (every version). */
    dateFormats: DateFormat[];
    output: OutputColumn[];
}

let map: CostColumnMap | undefined;

/** The FOCUS 1.2 Costs column map (`data/focus-cost-v1_2.json`): output columns and the export versions read. */
export function costColumnMap(): CostColumnMap {
    map ??= JSON.parse(loadAsset('data/focus-cost-v1_2.json', __dirname)) as CostColumnMap;
    return map;
}

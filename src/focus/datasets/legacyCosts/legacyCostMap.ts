import { loadAsset } from '../../loadAsset';
import type { ColumnType, DateFormat } from '../columnMap';

/** A column the legacy conversion reads, under one name, with the header names it goes by. */
export interface LegacyColumn {
    name: string;
    type: ColumnType;
    headers: string[];
}

interface LegacyCostMap {
    /** Columns without which a part cannot be converted (SchemaMismatch). */
    required: string[];
    /** Header names only MCA exports have. */
    mcaMarkers: string[];
    /** Header names the conversion knowingly leaves out. */
    ignored: string[];
    /** The formats legacy exports write dates in (every version, EA and MCA). */
    dateFormats: DateFormat[];
    columns: LegacyColumn[];
}

let map: LegacyCostMap | undefined;

/** The legacy cost column map (`data/legacy-cost-map.json`). */
export function legacyCostMap(): LegacyCostMap {
    map ??= JSON.parse(loadAsset('data/legacy-cost-map.json', __dirname)) as LegacyCostMap;
    return map;
}

import { loadSql } from '../focus/loadAsset';

/** Loads `sql/<name>.sql` of the sample generator: its SQL lives with the sample, not in the core. */
export function loadSampleSql(name: string): string {
    return loadSql(name, __dirname);
}

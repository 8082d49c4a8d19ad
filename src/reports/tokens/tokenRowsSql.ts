import { loadSql } from '../../focus/loadAsset';

/** `sql/ai_tokens_matrix_v1_2.sql`: AIUnitEconomics rows with counted tokens ($month filters), for other reports. */
export function tokenRowsSql(): string {
    return loadSql('ai_tokens_matrix_v1_2', __dirname);
}

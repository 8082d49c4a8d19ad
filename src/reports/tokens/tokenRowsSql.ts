import { chainSql } from '../../focus/chainSql';
import { loadSql } from '../../focus/loadAsset';

/**
 * `sql/ai_token_rows_v1_2.sql` over the AIUnitEconomics rows (view `ai_unit_economics`, which has no deployment name
 * or consumer) or, with `allocated`, the CostAllocation rows (view `cost_allocation`: provisioned and per-token tokens
 * by deployment name and consumer, with no model family or developer, which come from billing meters): the rows with
 * counted tokens ($month filters).
 */
export function tokenRowsSql(allocated = false): string {
    const source = allocated
        ? 'select *, null::varchar as x_ModelFamily, null::varchar as x_ModelDeveloper from cost_allocation'
        : 'select *, null::varchar as x_DeploymentName, null::varchar as x_Consumer from ai_unit_economics';
    return chainSql([
        ['token_source', source],
        ['ai_token_rows', loadSql('ai_token_rows_v1_2', __dirname)],
    ]);
}

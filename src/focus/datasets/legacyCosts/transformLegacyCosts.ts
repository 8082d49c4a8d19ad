import type { DuckDBConnection } from '@duckdb/node-api';

import { chainSql } from '../../chainSql';
import { loadSql } from '../../loadAsset';
import { ledgerSelect } from '../../reconcile/ledgerSelect';
import { reconcilePart } from '../../reconcile/reconcilePart';
import type { Group } from '../../reconcile/reconcileSpec';
import { INPUT_SCAN, scanInput } from '../../reconcile/scanInput';
import type { Totals } from '../../totals';
import { type ChainStep, writeCostChain } from '../costs/costChain';
import { COST_TEXT_KEYS } from '../costs/loadCostTexts';
import { stagingSelect } from '../costs/stagingSelect';
import type { PartInput, TransformContext } from '../hubDataset';
import { describeRelation, explainFailure, partColumns, partReader } from '../partReader';
import { pricesDataset } from '../prices/pricesDataset';
import { LEGACY_RECONCILIATION } from './legacyReconciliation';
import { detectAgreement, legacyReadings, legacySelect } from './legacySelect';
import { prepareLegacy } from './prepareLegacy';

/**
 * Converts one part of a legacy cost export (`exportType` ActualCost or AmortizedCost, EA or MCA as its header says)
 * into FOCUS 1.2 Costs Parquet at `outputPath`: the header decides which columns are read (legacy_source), one scan
 * sums the input per currency and charge category, and its ledger (the export's own cost columns), and lists its
 * distinct meters, Tags and SkuPriceDetails texts, the legacy mapping builds the FOCUS columns (legacy_focus),
 * stg_cost_export puts them in the column map's order and types, the Costs chain every export shares (costChain.ts)
 * does the rest, and the file is reconciled with the input. Returns the totals.
 */
export async function transformLegacyCosts(
    connection: DuckDBConnection,
    exportType: string,
    input: PartInput,
    outputPath: string,
    { tagAliases, storageReport, lookups }: TransformContext,
): Promise<Totals> {
    await prepareLegacy(connection);
    const columns = await partColumns(connection, input);
    const source = partReader(input, columns);
    const agreement = detectAgreement(columns.map((column) => column.name));
    const select = legacySelect(columns, agreement, exportType, input.name);
    const legacySource: ChainStep = ['legacy_source', `select ${select} from ${source}`];
    const read: ChainStep[] = [legacySource, ['legacy_focus', loadSql('legacy_cost_v1_2', __dirname)]];
    let groups: Group[];
    try {
        const ledger = ledgerSelect(LEGACY_RECONCILIATION, columns, input.name);
        const scanned = chainSql([
            ['legacy_source', `select ${[select, ...ledger].join(', ')} from ${source}`],
            ['legacy_input', loadSql('legacy_input_v1_2', __dirname)],
        ]);
        groups = await scanInput(connection, scanned, LEGACY_RECONCILIATION, COST_TEXT_KEYS);
        const focusColumns = await describeRelation(connection, `(${chainSql(read)})`, input.name);
        const working = 'x_LegacySourceChanges, x_LegacyScaleUnproven';
        const stg = `select ${stagingSelect(focusColumns, input.dataVersion, input.name)}, ${working} from legacy_focus`;
        const staged: ChainStep[] = [...read, ['stg_cost_export', stg]];
        const afterFill: ChainStep[] = [['legacy_sheet_scale', loadSql('legacy_sheet_scale_v1_2', __dirname)]];
        const after: ChainStep[] = [['legacy_cost', loadSql('legacy_source_changes_v1_2', __dirname)]];
        const costSource = { type: exportType, version: input.dataVersion };
        const prices = lookups[pricesDataset.name] ?? [];
        await writeCostChain(
            connection,
            {
                staged,
                keys: `select * from ${INPUT_SCAN}`,
                tagAliases,
                source: costSource,
                storageReport,
                prices,
                afterFill,
                after,
                period: input.period,
            },
            outputPath,
        );
    } catch (error) {
        throw await explainFailure(connection, error, source, columns, legacyReadings(), input.name);
    }
    return reconcilePart(connection, input, LEGACY_RECONCILIATION, groups, outputPath);
}

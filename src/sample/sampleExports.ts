import { COMMITMENT_DISCOUNT_USAGE_EXPORT } from '../focus/datasets/commitmentDiscountUsage/commitmentDiscountUsageDataset';
import { exportColumns, FOCUS_COST_VERSIONS, isFocusCostVersion } from '../focus/datasets/costs/exportColumns';
import { loadExportMap, SchemaColumn, schemaColumns } from '../focus/datasets/exportMap';
import { PRICES_EXPORT } from '../focus/datasets/prices/pricesDataset';
import { RECOMMENDATIONS_EXPORT } from '../focus/datasets/recommendations/recommendationsDataset';
import { TRANSACTIONS_EXPORT } from '../focus/datasets/transactions/transactionsDataset';
import type { ExportTransform } from '../focus/datasets/transformExport';
import { ROW_MACRO_ARGUMENTS } from './sampleGenerator';

/** Export types the sample generator writes. */
export const EXPORT_TYPES = [
    'FocusCost',
    'PriceSheet',
    'ReservationDetails',
    'ReservationRecommendations',
    'ReservationTransactions',
] as const;

export type ExportType = (typeof EXPORT_TYPES)[number];

/** EA or MCA columns, for the export types whose files differ by agreement. */
export type ExportChannel = 'EA' | 'MCA';

/** How the generator writes one export type: its row macro and, per version and channel, the file's columns. */
export interface SampleExport {
    /** Table macro giving rows `[row_start, row_end)` with every column any version or channel of the type has. */
    macro: string;
    /** The macro's arguments, bound by name. */
    arguments: readonly (typeof ROW_MACRO_ARGUMENTS)[number][];
    /** Whether Cost Management writes the type as uncompressed CSV only (reservation datasets). */
    csvOnly: boolean;
    /** The versions the hub reads. */
    versions: readonly string[];
    /** The file's columns in export order, or undefined when the version has no such channel. */
    columns(version: string, channel: ExportChannel): SchemaColumn[] | undefined;
    /** Totals the hub reconciles for the type: its dataset column → the macro column summed for it. */
    totals: Readonly<Record<string, string>>;
}

const COST_ARGUMENTS = ROW_MACRO_ARGUMENTS.filter((name) => name !== 'billing_profile_id');

/** The generator's description of every export type it writes. */
export const SAMPLE_EXPORTS: Record<ExportType, SampleExport> = {
    FocusCost: {
        macro: 'sample_rows',
        arguments: COST_ARGUMENTS,
        csvOnly: false,
        versions: FOCUS_COST_VERSIONS,
        columns: (version) => (isFocusCostVersion(version) ? exportColumns(version) : undefined),
        totals: { BilledCost: 'BilledCost', EffectiveCost: 'EffectiveCost' },
    },
    PriceSheet: fromMap('sample_price_sheet', PRICES_EXPORT, false, {}),
    ReservationDetails: fromMap('sample_reservation_details', COMMITMENT_DISCOUNT_USAGE_EXPORT, true, {
        ConsumedQuantity: 'UsedHours',
        x_CommitmentDiscountCommittedAmount: 'ReservedHours',
    }),
    ReservationRecommendations: fromMap('sample_reservation_recommendations', RECOMMENDATIONS_EXPORT, true, {
        x_EffectiveCostSavings: 'NetSavings',
    }),
    ReservationTransactions: fromMap('sample_reservation_transactions', TRANSACTIONS_EXPORT, true, {
        BilledCost: 'Amount',
    }),
};

/** A type the hub reads through an export map: the hub schema of each version and channel gives the columns. */
function fromMap(
    macro: string,
    transform: ExportTransform,
    csvOnly: boolean,
    totals: Record<string, string>,
): SampleExport {
    const map = loadExportMap(transform.mapFile, transform.baseDir);
    return {
        macro,
        arguments: ROW_MACRO_ARGUMENTS,
        csvOnly,
        versions: Object.keys(map.schemas),
        columns(version, channel) {
            const schemas = map.schemas[version];
            const file = schemas?.[map.mcaColumn ? channel : 'any'];
            return file === undefined ? undefined : schemaColumns(file, transform.baseDir);
        },
        totals,
    };
}

import { InputError, PipelineError } from '../../errors';
import { aiTelemetryDataset } from './aiTelemetry/aiTelemetryDataset';
import { CAPACITY_DATASETS } from './capacity/capacityDatasets';
import { commitmentDiscountUsageDataset } from './commitmentDiscountUsage/commitmentDiscountUsageDataset';
import { costsDataset } from './costs/costsDataset';
import type { HubDataset } from './hubDataset';
import { actualCostsDataset, amortizedCostsDataset } from './legacyCosts/legacyCostsDataset';
import { pricesDataset } from './prices/pricesDataset';
import { recommendationsDataset } from './recommendations/recommendationsDataset';
import { transactionsDataset } from './transactions/transactionsDataset';

/** Every converter the hub has, one line each. Several may feed one hub dataset (folder) from different exports. */
export const DATASETS: readonly HubDataset[] = [
    costsDataset,
    actualCostsDataset,
    amortizedCostsDataset,
    pricesDataset,
    commitmentDiscountUsageDataset,
    recommendationsDataset,
    transactionsDataset,
    aiTelemetryDataset,
];

/**
 * Every dataset the hub publishes into the ingestion container, each once: each converter's dataset followed by the
 * datasets derived from it, then the capacity datasets computed from published telemetry and AI account costs.
 */
export const PUBLISHED_DATASETS: readonly string[] = [
    ...new Set([
        ...DATASETS.flatMap((d) => [d.name, ...d.derived.map((derived) => derived.name)]),
        ...CAPACITY_DATASETS,
    ]),
];

/** An export, as its manifest names it: exportConfig.type and dataVersion. */
export interface ExportKind {
    type: string;
    dataVersion: string;
}

/** The converter for an export; `UnsupportedDataset` (listing what is supported) when there is none. */
export function datasetFor(kind: ExportKind, manifestName: string): HubDataset {
    const type = kind.type.toLowerCase();
    const converts = (d: HubDataset, version?: string) =>
        d.exports.some((s) => s.type.toLowerCase() === type && (version === undefined || s.versions.includes(version)));
    const dataset = DATASETS.find((d) => converts(d, kind.dataVersion));
    if (dataset) return dataset;
    const supported = DATASETS.flatMap((d) => d.exports.map((s) => `${s.type} ${s.versions.join('/')}`)).join('; ');
    const why = DATASETS.some((d) => converts(d))
        ? `${kind.type} dataVersion ${kind.dataVersion} is not one the hub reads`
        : `the hub does not convert ${kind.type} exports`;
    throw new InputError(
        'UnsupportedDataset',
        `Manifest ${manifestName}: ${why}. Supported: ${supported}. Recreate the export with a supported type and dataVersion (for costs, FocusCost 1.2-preview or newer).`,
    );
}

/** The converter of a recorded run (by the export it came from). */
export function datasetOfRun(run: { runId: string; exportType: string; dataVersion: string }): HubDataset {
    try {
        return datasetFor({ type: run.exportType, dataVersion: run.dataVersion }, `of run ${run.runId}`);
    } catch (error) {
        throw new PipelineError('TransformFailed', (error as Error).message, false, { cause: error });
    }
}

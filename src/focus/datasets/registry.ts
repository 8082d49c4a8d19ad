import { InputError } from '../../errors';
import type { ExportManifest } from '../manifest';
import { costsDataset } from './costs/costsDataset';
import type { HubDataset } from './hubDataset';

/** Every dataset the hub converts, one line each. */
export const DATASETS: readonly HubDataset[] = [costsDataset];

/** The dataset a manifest's export feeds; `UnsupportedDataset` (with what is supported) when none converts it. */
export function datasetFor(manifest: ExportManifest, manifestName: string): HubDataset {
    const type = manifest.type.toLowerCase();
    const byType = DATASETS.filter((d) => d.exports.some((source) => source.type.toLowerCase() === type));
    const dataset = byType.find((d) =>
        d.exports.some((s) => s.type.toLowerCase() === type && s.versions.includes(manifest.dataVersion)),
    );
    if (dataset) return dataset;
    const supported = DATASETS.flatMap((d) => d.exports.map((s) => `${s.type} ${s.versions.join('/')}`)).join('; ');
    const why =
        byType.length > 0
            ? `${manifest.type} dataVersion ${manifest.dataVersion} is not one the hub reads`
            : `the hub does not convert ${manifest.type} exports`;
    throw new InputError(
        'UnsupportedDataset',
        `Manifest ${manifestName}: ${why}. Supported: ${supported}. Create a FocusCost export (dataVersion 1.2-preview or newer) or another supported type for this scope.`,
    );
}

/** A registered dataset by its hub name. */
export function datasetNamed(name: string): HubDataset | undefined {
    return DATASETS.find((d) => d.name === name);
}

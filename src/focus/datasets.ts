import { InputError } from '../errors';
import { supportedCostVersions } from './costColumns';
import { ExportManifest } from './manifest';

/** The hub dataset an export feeds, as FinOps hubs name it. Only FocusCost exports are converted today. */
export function datasetOf(manifest: ExportManifest, manifestName: string): 'Costs' {
    const type = manifest.type.toLowerCase();
    if (type !== 'focuscost') {
        throw new InputError(
            'UnsupportedDataset',
            `Manifest ${manifestName} is a ${manifest.type} export; the hub converts FocusCost exports only. Create a FocusCost export (1.2-preview or newer) for this scope.`,
        );
    }
    if (!supportedCostVersions().includes(manifest.dataVersion)) {
        throw new InputError(
            'UnsupportedDataset',
            `Manifest ${manifestName} is FocusCost ${manifest.dataVersion}; supported versions are ${supportedCostVersions().join(', ')}. Recreate the export with dataVersion 1.2-preview.`,
        );
    }
    return 'Costs';
}

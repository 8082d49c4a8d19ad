import { InputError } from '../errors';
import { FOCUS_COST_VERSIONS, isFocusCostVersion } from './exportColumns';
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
    if (!isFocusCostVersion(manifest.dataVersion)) {
        throw new InputError(
            'UnsupportedDataset',
            `Manifest ${manifestName} is FocusCost ${manifest.dataVersion}; supported versions are ${FOCUS_COST_VERSIONS.join(', ')}. Recreate the export with dataVersion 1.2-preview.`,
        );
    }
    return 'Costs';
}

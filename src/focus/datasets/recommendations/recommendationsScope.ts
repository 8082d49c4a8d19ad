import { InputError } from '../../../errors';
import type { ExportManifest } from '../../manifest';
import { isScope } from '../../runRef';

/**
 * The scope folder of a Recommendations run: the export's scope with the export name appended, lower-cased, with no
 * separator (`subscriptions/<id>myexport`), as FinOps hubs lay it out, so each recommendations export of a scope (7-
 * or 30-day lookback, shared or single) keeps its own folder. A name that would not make a safe scope path is refused.
 */
export function recommendationsScope(manifest: ExportManifest): string {
    const scope = `${manifest.scope}${manifest.exportName.toLowerCase()}`;
    if (!/^[A-Za-z0-9._-]*$/.test(manifest.exportName) || !isScope(scope)) {
        throw new InputError(
            'ManifestInvalid',
            `Manifest of export "${manifest.exportName}": the Recommendations folder "${scope}" (scope and export name) is not a usable scope path; name the export with letters, digits, '-', '_' or '.' only.`,
        );
    }
    return scope;
}

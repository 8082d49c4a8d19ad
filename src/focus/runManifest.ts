import { type ExportManifest, parseManifest } from './manifest';
import { parseTelemetryManifest, TELEMETRY_MANIFEST, telemetryRun } from './telemetry/telemetryManifest';

/** The file Cost Management writes last into an export run's folder, naming its parts. */
export const EXPORT_MANIFEST = 'manifest.json';

const fileName = (name: string): string => name.split('/').pop() ?? '';

/** Whether a container-relative name is an export's `manifest.json`. */
export const isExportManifest = (name: string): boolean => fileName(name) === EXPORT_MANIFEST;

/** Whether a container-relative name is the `telemetry.json` of a telemetry folder the hub landed. */
export const isTelemetryManifest = (name: string): boolean => fileName(name) === TELEMETRY_MANIFEST;

/** Whether a container-relative name is a file that starts a run: an export's or a telemetry folder's manifest. */
export const isRunManifest = (name: string): boolean => isExportManifest(name) || isTelemetryManifest(name);

/** The run a manifest describes: a Cost Management export, or a telemetry folder the hub landed. */
export function parseRunManifest(text: string, name: string): ExportManifest {
    return isTelemetryManifest(name)
        ? telemetryRun(parseTelemetryManifest(text, name), name)
        : parseManifest(text, name);
}

import { type ExportManifest, parseManifest } from './manifest';
import { parseTelemetryManifest, TELEMETRY_MANIFEST, telemetryRun } from './telemetry/telemetryManifest';

/** Names of the files that start a run: an export's `manifest.json`, a telemetry folder's `telemetry.json`. */
export const RUN_MANIFESTS = ['manifest.json', TELEMETRY_MANIFEST] as const;

/** Whether a container-relative name is a file that starts a run. */
export const isRunManifest = (name: string): boolean =>
    (RUN_MANIFESTS as readonly string[]).includes(name.split('/').pop() ?? '');

/** The run a manifest describes: a Cost Management export, or a telemetry folder the hub landed. */
export function parseRunManifest(text: string, name: string): ExportManifest {
    return name.split('/').pop() === TELEMETRY_MANIFEST
        ? telemetryRun(parseTelemetryManifest(text, name), name)
        : parseManifest(text, name);
}

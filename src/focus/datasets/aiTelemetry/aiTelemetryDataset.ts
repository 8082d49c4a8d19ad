import { TELEMETRY_DATA_VERSION, TELEMETRY_TYPE } from '../../telemetry/telemetryManifest';
import type { HubDataset } from '../hubDataset';
import { transformTelemetry } from './transformTelemetry';

/** The hub dataset of landed telemetry records (deployment inventory, hourly metrics, consumer tokens). */
export const AI_TELEMETRY = 'AITelemetry';

/**
 * Telemetry folders (`telemetry.json` and the Azure response bodies beside it) → `AITelemetry`: one record per
 * deployment, metric data point and consumer row. The capacity datasets are computed from it after it publishes.
 */
export const aiTelemetryDataset: HubDataset = {
    name: AI_TELEMETRY,
    exports: [{ type: TELEMETRY_TYPE, versions: [TELEMETRY_DATA_VERSION] }],
    totals: [],
    transformPart: (connection, input, outPath) => transformTelemetry(connection, input, outPath),
    derived: [],
    capacity: true,
};

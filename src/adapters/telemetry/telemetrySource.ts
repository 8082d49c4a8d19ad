import { DefaultAzureCredential } from '@azure/identity';

import type { HubConfig } from '../../config';
import type { TelemetrySource } from '../../pipeline/telemetryPorts';
import { createTelemetrySource } from './createTelemetrySource';

let shared: TelemetrySource | undefined;

/** The process's telemetry source, with the function's identity (the storage connection's client id). */
export function telemetrySource(config: HubConfig): TelemetrySource {
    shared ??= createTelemetrySource(new DefaultAzureCredential({ managedIdentityClientId: config.storage.clientId }));
    return shared;
}

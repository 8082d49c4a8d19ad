import { app, InvocationContext, Timer } from '@azure/functions';

import { telemetrySource } from '../../src/adapters/telemetry/telemetrySource';
import { readConfig } from '../../src/config';
import { ensureError } from '../../src/errors';
import { collectTelemetry } from '../../src/pipeline/collectTelemetry';
import { hubDeps } from '../hubDeps';

/**
 * On a schedule (daily by default): pulls the AI accounts' deployment inventory, hourly token metrics and consumer
 * metrics month to date, lands them in msexports as telemetry folders and plans their runs, processed like exports.
 */
export async function telemetry(_timer: Timer, context: InvocationContext): Promise<void> {
    try {
        const config = readConfig();
        const lines = await collectTelemetry(config.telemetry, telemetrySource(config), hubDeps(context));
        for (const line of lines) context.log(line);
    } catch (error) {
        context.error(`Telemetry: ${ensureError(error).message}`);
        throw error;
    }
}

app.timer('telemetry', {
    schedule: '%HUB_TELEMETRY_SCHEDULE%',
    handler: telemetry,
});

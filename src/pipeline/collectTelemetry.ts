import { randomUUID } from 'node:crypto';

import type { TelemetrySettings } from '../config';
import { ensureError } from '../errors';
import { AI_TELEMETRY } from '../focus/datasets/aiTelemetry/aiTelemetryDataset';
import { listPublished } from '../focus/published/listPublished';
import { isTelemetryManifest } from '../focus/runManifest';
import { recentAccounts } from '../focus/telemetry/recentAccounts';
import { parseTelemetryManifest } from '../focus/telemetry/telemetryManifest';
import { monthStarts, retentionStart, telemetryPeriods } from '../focus/telemetry/telemetryPeriods';
import { PipelineDeps } from './pipelineDeps';
import { planRun } from './planRun';
import { pullTelemetry } from './pullTelemetry';
import type { TelemetrySource } from './telemetryPorts';

/** Days into a month during which the month before is pulled again (its last hours settle). */
const SETTLING_DAYS = 3;

/**
 * The `telemetry` timer's work: for every subscription holding an AI account with charges in the published costs of
 * the last 31 days (or listed in HUB_TELEMETRY_ACCOUNTS), pulls its accounts' telemetry month to date, and the month
 * before during its first days or while that month has no published telemetry (back to the 93 days metrics are kept),
 * lands each as a telemetry folder and plans its run, exactly as an export's manifest is planned. A folder landed by
 * an earlier call that crashed before planning it is planned too. One subscription's failure (coded) never stops the
 * others. Returns one line per pull.
 */
export async function collectTelemetry(
    settings: TelemetrySettings,
    source: TelemetrySource,
    deps: PipelineDeps,
    now = new Date(),
): Promise<string[]> {
    if (!settings.enabled) return ['Telemetry is off (HUB_TELEMETRY=off).'];
    const seen = await deps.workspace.withScratch((dir) =>
        deps.workspace.withDuckDb((connection) => recentAccounts(connection, deps.ingestion, now, dir)),
    );
    const bySubscription = new Map<string, string[]>();
    for (const id of new Set([...seen, ...settings.accounts])) {
        const subscription = id.split('/')[2] ?? '';
        bySubscription.set(subscription, [...(bySubscription.get(subscription) ?? []), id]);
    }
    const lines = [...(await planUnplanned(deps))];
    for (const [subscriptionId, accounts] of bySubscription) {
        for (const period of await periodsToPull(subscriptionId, now, deps)) {
            const month = period.start.toISOString().slice(0, 7);
            try {
                const manifest = await pullTelemetry(
                    {
                        subscriptionId,
                        accounts,
                        ...period,
                        pulledAt: now,
                        runId: randomUUID(),
                        ...(settings.appInsightsId
                            ? {
                                  consumers: {
                                      appInsightsId: settings.appInsightsId,
                                      dimension: settings.consumerDimension,
                                      deploymentDimension: settings.deploymentDimension,
                                  },
                              }
                            : {}),
                    },
                    source,
                    deps.exports,
                    deps.log,
                );
                const run = await planRun(manifest, deps);
                lines.push(`Telemetry ${subscriptionId} ${month}: run ${run.runId} ${run.status}.`);
            } catch (error) {
                const failure = ensureError(error);
                lines.push(`Telemetry ${subscriptionId} ${month} failed: ${failure.code}: ${failure.message}`);
            }
        }
    }
    return lines;
}

/** This month to date, and the month before while it settles or has no published telemetry yet. */
async function periodsToPull(subscriptionId: string, now: Date, deps: PipelineDeps) {
    const { current, previous } = monthStarts(now);
    const month = previous.toISOString().slice(0, 7);
    const published = await listPublished(deps.ingestion, AI_TELEMETRY, {
        scope: `subscriptions/${subscriptionId}`,
        months: [month],
    });
    const settling = now.getTime() - current.getTime() < SETTLING_DAYS * 86_400_000;
    const from = settling || published.length === 0 ? previous : current;
    const start = from < retentionStart(now) ? retentionStart(now) : from;
    return telemetryPeriods(start, now);
}

/** Plans every landed telemetry folder that has no run yet (its lander stopped before planning it). */
async function planUnplanned(deps: PipelineDeps): Promise<string[]> {
    const lines: string[] = [];
    for (const name of await deps.exports.list('telemetry/')) {
        if (!isTelemetryManifest(name)) continue;
        try {
            const manifest = parseTelemetryManifest(await deps.exports.readText(name), name);
            if (await deps.runs.getRun({ scope: manifest.scope.slice(1), runId: manifest.runId })) continue;
            const run = await planRun(name, deps);
            lines.push(`Telemetry folder ${name}: planned late, run ${run.runId} ${run.status}.`);
        } catch (error) {
            lines.push(`Telemetry folder ${name}: ${ensureError(error).message}`);
        }
    }
    return lines;
}

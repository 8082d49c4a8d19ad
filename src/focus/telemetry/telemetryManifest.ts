import { createHash } from 'node:crypto';

import { z } from 'zod';

import { InputError } from '../../errors';
import type { ExportManifest } from '../manifest';
import { isScope, RUN_ID_PATTERN } from '../runRef';

/** The one manifest version the hub writes and reads (docs/capacity.md "The telemetry folder contract"). */
export const TELEMETRY_MANIFEST_VERSION = 'finops-hub-telemetry/1';

/** The name that marks a folder as a telemetry folder. */
export const TELEMETRY_MANIFEST = 'telemetry.json';

/** The run type telemetry folders are recorded under (a run's `exportType`), and its only version. */
export const TELEMETRY_TYPE = 'Telemetry';
export const TELEMETRY_DATA_VERSION = '1';

/** What a landed file holds: an ARM deployments page, an Azure Monitor metrics body, or a Logs query body. */
export const TELEMETRY_KINDS = ['deployments', 'metrics', 'consumers'] as const;
export type TelemetryKind = (typeof TELEMETRY_KINDS)[number];

/** A telemetry folder as `telemetry.json` describes it. */
export interface TelemetryManifest {
    manifestVersion: typeof TELEMETRY_MANIFEST_VERSION;
    /** `/subscriptions/<id>`: the subscription whose accounts the folder describes. */
    scope: string;
    runId: string;
    /** When the inventory was read (the snapshot time of its deployments pages). */
    pulledAt: string;
    /** The period of the metrics and consumer bodies, `[start, end)`, inside one calendar month (UTC). */
    start: string;
    end: string;
    /** Files in the folder, by plain name. */
    files: { name: string; kind: TelemetryKind }[];
    /** The dimension consumer bodies are split by (`Subscription ID`, `Product ID`, `Team`, …), when there are any. */
    consumerDimension?: string;
}

const instant = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text), {
    message: 'must be an ISO 8601 UTC time such as 2026-10-01T00:00:00Z',
});
// A file name inside the folder: no separators, no `.`/`..`, no control characters, no URL or drive prefix.
const fileName = z
    .string()
    .min(1)
    .max(255)
    // eslint-disable-next-line no-control-regex
    .refine((name) => !/[/\\\u0000-\u001f\u007f:]/.test(name) && name !== '.' && name !== '..', {
        message: 'must name a file inside the telemetry folder',
    });

const schema = z.object({
    manifestVersion: z.literal(TELEMETRY_MANIFEST_VERSION),
    scope: z.string().regex(/^\/?subscriptions\/[0-9a-fA-F-]{36}$/, 'must be /subscriptions/<id>'),
    runId: z
        .string()
        .transform((id) => id.toLowerCase())
        .pipe(z.string().regex(RUN_ID_PATTERN, 'must be a run id of letters, digits and dashes (at most 64)'))
        .optional(),
    pulledAt: instant.optional(),
    start: instant,
    end: instant,
    files: z
        .array(z.object({ name: fileName, kind: z.enum(TELEMETRY_KINDS) }))
        .max(10_000, 'lists more than 10,000 files'),
    consumerDimension: z.string().min(1).max(128).optional(),
});

/** First day of the month after `start` (UTC), the latest `end` a telemetry folder may have. */
function nextMonth(start: Date): Date {
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/**
 * Parses and validates `telemetry.json` text found at `manifestName` (container-relative). The period must lie in one
 * calendar month, every file must be a plain name inside the folder and be listed once. Fails with `ManifestInvalid`,
 * or `BlobOutsideContainer` for a file named outside the folder.
 */
export function parseTelemetryManifest(text: string, manifestName: string): TelemetryManifest {
    const fail = (why: string, code: 'ManifestInvalid' | 'BlobOutsideContainer' = 'ManifestInvalid') =>
        new InputError(code, `Telemetry manifest ${manifestName} is not valid: ${why}.`);
    let raw: unknown;
    try {
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        throw fail(`not JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.join('.') || 'document';
        const outside = issue?.path[0] === 'files' && issue.path[2] === 'name';
        throw fail(`${path} ${issue?.message ?? 'is malformed'}`, outside ? 'BlobOutsideContainer' : 'ManifestInvalid');
    }
    const m = parsed.data;
    const start = new Date(m.start);
    const end = new Date(m.end);
    if (!(end > start)) throw fail('end must be after start');
    if (end > nextMonth(start)) throw fail('the period must lie inside one calendar month (one folder per month)');
    const names = new Set<string>();
    for (const file of m.files) {
        if (names.has(file.name)) throw fail(`files lists ${file.name} more than once (it would be counted twice)`);
        names.add(file.name);
    }
    return {
        manifestVersion: m.manifestVersion,
        scope: `/${m.scope.replace(/^\//, '').toLowerCase()}`,
        runId: m.runId ?? defaultRunId(manifestName),
        pulledAt: new Date(m.pulledAt ?? m.end).toISOString(),
        start: start.toISOString(),
        end: end.toISOString(),
        files: m.files,
        ...(m.consumerDimension === undefined ? {} : { consumerDimension: m.consumerDimension }),
    };
}

/** The run a telemetry folder becomes, in the shape every run is planned from. */
export function telemetryRun(manifest: TelemetryManifest, manifestName: string): ExportManifest {
    const folder = manifestName.slice(0, manifestName.length - TELEMETRY_MANIFEST.length);
    const scope = manifest.scope.slice(1);
    if (!isScope(scope)) throw new InputError('ManifestInvalid', `Telemetry manifest ${manifestName}: bad scope.`);
    return {
        manifestVersion: manifest.manifestVersion,
        exportName: 'telemetry',
        type: TELEMETRY_TYPE,
        dataVersion: TELEMETRY_DATA_VERSION,
        scope,
        month: manifest.start.slice(0, 7),
        // [start, end) as days, both inclusive: the day before `end` is the last one the folder covers.
        period: {
            start: manifest.start.slice(0, 10),
            end: new Date(Date.parse(manifest.end) - 1).toISOString().slice(0, 10),
        },
        runId: manifest.runId,
        submittedTime: manifest.pulledAt,
        declaredRows: null,
        blobs: manifest.files.map((file) => ({ name: `${folder}${file.name}`, byteCount: null, dataRowCount: null })),
    };
}

/** The `telemetry.json` text the hub writes for a landed folder. */
export function telemetryManifestText(manifest: TelemetryManifest): string {
    return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A stable run id for a hand-made folder without one: a hash of its manifest's name. */
function defaultRunId(manifestName: string): string {
    return `telemetry-${createHash('sha256').update(manifestName).digest('hex').slice(0, 32)}`;
}

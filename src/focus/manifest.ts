import { z } from 'zod';

import { InputError } from '../errors';
import { resolveBlobName } from './blobName';
import type { RunPeriod } from './reconcile/reconcileSpec';
import { isScope, RUN_ID_PATTERN } from './runRef';

/** One Cost Management export run, as its manifest.json describes it, validated and normalised. */
export interface ExportManifest {
    /** `2024-04-01`, or undefined for the older API 2023-07-01-preview generation. */
    manifestVersion?: string;
    exportName: string;
    /** exportConfig.type as written, e.g. `FocusCost`. */
    type: string;
    dataVersion: string;
    /** Scope id, lower-cased, without the leading `/`: `subscriptions/<id>`. */
    scope: string;
    /** `YYYY-MM` of runInfo.startDate. */
    month: string;
    /**
     * The days the run covers, both inclusive (`YYYY-MM-DD`): runInfo.startDate's to runInfo.endDate's, or to the end
     * of the start's month when the manifest has no endDate.
     */
    period: RunPeriod;
    runId: string;
    /** runInfo.submittedTime, normalised to ISO 8601 UTC with milliseconds. */
    submittedTime: string;
    /** Rows the manifest declares, or null when it does not say (never read as zero). */
    declaredRows: number | null;
    blobs: ExportBlob[];
}

export interface ExportBlob {
    /** Container-relative name, validated to stay inside the container. */
    name: string;
    byteCount: number | null;
    dataRowCount: number | null;
}

const count = z.number().int().nonnegative().nullish();
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/;
const text = z.string().trim().min(1);

const manifestSchema = z.object({
    manifestVersion: z.string().optional(),
    dataRowCount: count,
    blobCount: count,
    exportConfig: z.object({
        exportName: z.string().optional(),
        resourceId: text,
        dataVersion: text,
        type: text,
    }),
    runInfo: z.object({
        runId: z
            .string()
            .transform((id) => id.toLowerCase())
            .pipe(z.string().regex(RUN_ID_PATTERN, 'must be a run id of letters, digits and dashes (at most 64)')),
        submittedTime: text,
        startDate: z.string().regex(DAY, 'must start with a YYYY-MM-DD date'),
        endDate: z.string().regex(DAY, 'must start with a YYYY-MM-DD date').nullish(),
    }),
    blobs: z
        .array(z.object({ blobName: z.string(), byteCount: count, dataRowCount: count }))
        .max(10_000, 'lists more than 10,000 parts'),
});

const EXPORTS_SUFFIX = '/providers/microsoft.costmanagement/exports/';

/** Parses and validates manifest.json text. `name` is the manifest's blob name, used in messages. */
export function parseManifest(json: string, name: string): ExportManifest {
    const fail = (why: string) =>
        new InputError('ManifestInvalid', `Manifest ${name} is not a valid Cost Management export manifest: ${why}.`);
    let raw: unknown;
    try {
        raw = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (error) {
        throw fail(`not JSON (${(error as Error).message})`);
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw fail(`${issue?.path.join('.') || 'document'} ${issue?.message ?? 'is malformed'}`);
    }
    const m = parsed.data;
    const submitted = new Date(m.runInfo.submittedTime);
    if (Number.isNaN(submitted.getTime())) throw fail('runInfo.submittedTime is not a date');
    const blobs = m.blobs.map((blob) => ({
        name: resolveBlobName(blob.blobName, name),
        byteCount: blob.byteCount ?? null,
        dataRowCount: blob.dataRowCount ?? null,
    }));
    const period = periodOf(m.runInfo.startDate, m.runInfo.endDate);
    if (period.end < period.start) throw fail(`runInfo.endDate ${period.end} is before its startDate ${period.start}`);
    const listed = new Set<string>();
    for (const { name: part } of blobs) {
        if (listed.has(part)) throw fail(`blobs lists part ${part} more than once (its rows would be counted twice)`);
        listed.add(part);
    }
    const declared = declaredRows(m.dataRowCount, blobs);
    const counted = blobs.every((blob) => blob.dataRowCount !== null)
        ? blobs.reduce((sum, blob) => sum + (blob.dataRowCount ?? 0), 0)
        : null;
    // A manifest that contradicts itself is refused rather than believed either way: a run taken for empty would
    // publish nothing, one with rows but no parts would never end.
    if (declared !== null && blobs.length === 0 && declared > 0)
        throw fail(`dataRowCount declares ${declared} rows but blobs lists no parts`);
    if (declared !== null && counted !== null && blobs.length > 0 && counted !== declared)
        throw fail(`dataRowCount ${declared} is not the sum of its blobs' dataRowCount (${counted})`);
    return {
        manifestVersion: m.manifestVersion,
        exportName: m.exportConfig.exportName ?? '',
        type: m.exportConfig.type,
        dataVersion: m.exportConfig.dataVersion.replace(/\s+/g, ''),
        scope: scopeOf(m.exportConfig.resourceId, fail),
        month: m.runInfo.startDate.slice(0, 7),
        period,
        runId: m.runInfo.runId,
        submittedTime: submitted.toISOString(),
        declaredRows: declared,
        blobs,
    };
}

/** Numeric top-level count, else the sum of numeric per-blob counts; null means unknown (API 2025-03-01 writes null). */
function declaredRows(total: number | null | undefined, blobs: ExportBlob[]): number | null {
    if (typeof total === 'number') return total;
    if (blobs.length === 0) return 0;
    if (blobs.every((blob) => blob.dataRowCount !== null)) {
        return blobs.reduce((sum, blob) => sum + (blob.dataRowCount ?? 0), 0);
    }
    return null;
}

function scopeOf(resourceId: string, fail: (why: string) => InputError): string {
    const lower = resourceId.toLowerCase().replace(/\/{2,}/g, '/');
    const at = lower.indexOf(EXPORTS_SUFFIX);
    if (at < 0) throw fail(`exportConfig.resourceId "${resourceId}" is not an export resource id`);
    const scope = lower.slice(0, at).replace(/^\//, '');
    if (!isScope(scope)) {
        throw fail(`exportConfig.resourceId has an unusable scope "${scope}"`);
    }
    return scope;
}

/** The run's days: startDate's to endDate's (both inclusive), or to the last day of the start's month. */
function periodOf(startDate: string, endDate: string | null | undefined): RunPeriod {
    const start = startDate.slice(0, 10);
    if (endDate) return { start, end: endDate.slice(0, 10) };
    const [year, month] = start.split('-').map(Number) as [number, number];
    return { start, end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

import { z } from 'zod';

import { InputError } from '../errors';
import { sumTotals, Totals } from './totals';

/**
 * The `manifest.json` of a staged or published dataset folder: the one definition the hub writes and every reader
 * (reports, composition, the swap's checks) parses. It names the run that built the folder and exactly the files the
 * folder holds, with their totals and the export run each comes from. `stagedAt` is when staging wrote it;
 * `publishedAt` is stamped into the staged copy as the swap begins retiring the folder it replaces, so the manifest a
 * reader finds says when its folder was published. New fields go into `folderManifestSchema` as optional fields
 * (folders published before them stay readable) and into `FolderManifestInput` if the writer sets them.
 */

/** An export run whose rows a folder holds. */
export interface ManifestSource {
    runId: string;
    /** exportConfig.type of the run (`FocusCost`, `ActualCost`, …). */
    exportType: string;
    submittedTime: string;
}

const fileName = z
    .string()
    .regex(/^[^/\\\0]+\.parquet$/, 'must be a plain .parquet file name inside the folder')
    .refine((name) => !name.startsWith('.'), 'must not start with a dot');
const sums = z.record(z.string(), z.string());
const currencyTotals = z.object({ currency: z.string().nullable(), rows: z.number().int().nonnegative(), sums });
/**
 * Reconciliation figures (docs/reconciliation.md): per currency, the export's input, and what documented rules changed.
 */
const reconciled = {
    byCurrency: z.array(currencyTotals).optional(),
    input: z.array(currencyTotals).optional(),
    changes: z.array(currencyTotals.extend({ code: z.string() })).optional(),
};
const source = z.object({ runId: z.string().min(1), exportType: z.string(), submittedTime: z.string() });

export const folderManifestSchema = z.object({
    dataset: z.string().optional(),
    scope: z.string().optional(),
    month: z.string().optional(),
    runId: z.string().min(1),
    submittedTime: z.string().nullish(),
    sourceManifest: z.string().optional(),
    sourceDataVersion: z.string().optional(),
    exportType: z.string().optional(),
    focusVersion: z.string().optional(),
    stagedAt: z.string().optional(),
    publishedAt: z.string().optional(),
    rows: z.number().int().nonnegative().optional(),
    sums: sums.optional(),
    ...reconciled,
    sources: z.array(source).optional(),
    files: z.array(
        z.object({
            name: fileName,
            rows: z.number().int().nonnegative().nullish(),
            sums: sums.optional(),
            ...reconciled,
            sourceRunId: z.string().optional(),
            exportType: z.string().optional(),
        }),
    ),
});

export type FolderManifest = z.infer<typeof folderManifestSchema>;

/** What the writer is given: the folder's place, its run, and its files with their totals and source runs. */
export interface FolderManifestInput {
    dataset: string;
    scope: string;
    month: string;
    runId: string;
    submittedTime: string;
    sourceManifest: string;
    sourceDataVersion: string;
    exportType: string;
    stagedAt: string;
    files: { name: string; totals: Totals; source: ManifestSource }[];
    sources: ManifestSource[];
}

/** The manifest text of a staged folder (publishedAt is stamped later, by stampPublished). */
export function writeFolderManifest(input: FolderManifestInput): string {
    const { files, sources, ...place } = input;
    const manifest: FolderManifest = {
        ...place,
        focusVersion: '1.2',
        ...sumTotals(files.map((file) => file.totals)),
        sources,
        files: files.map(({ name, totals, source: from }) => ({
            name,
            ...totals,
            sourceRunId: from.runId,
            exportType: from.exportType,
        })),
    };
    return serialize(manifest);
}

/** The same manifest with the time its folder is published. */
export function stampPublished(manifest: FolderManifest, publishedAt: string): string {
    return serialize({ ...manifest, publishedAt });
}

/** Parses the manifest found at `name`; throws InputError `ManifestInvalid` naming what is wrong. */
export function readFolderManifest(text: string, name: string): FolderManifest {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    const parsed = folderManifestSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'} ${i.message}`).join('; ');
    throw new InputError('ManifestInvalid', `Folder manifest ${name} is not a hub folder manifest: ${why}.`);
}

/** The files a manifest lists with their totals and source runs (files of a source it does not name are left out). */
export function manifestFiles(manifest: FolderManifest): { name: string; totals: Totals; source: ManifestSource }[] {
    const sources = manifest.sources ?? [];
    return manifest.files.flatMap(({ name, rows, sums: fileSums, sourceRunId, byCurrency, input, changes }) => {
        const from = sources.find((s) => s.runId === sourceRunId);
        const totals: Totals = {
            rows: rows ?? 0,
            sums: fileSums ?? {},
            ...(byCurrency && { byCurrency }),
            ...(input && { input }),
            ...(changes && { changes }),
        };
        return from ? [{ name, totals, source: from }] : [];
    });
}

const serialize = (manifest: FolderManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

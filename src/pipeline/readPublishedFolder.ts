import { z } from 'zod';

import { InputError } from '../errors';
import { FOLDER_MANIFEST } from '../focus/layout';
import { ObjectStore, PublishedSource } from './ports';
import { ReleaseFile } from './release';

const sourceSchema = z.object({ runId: z.string(), exportType: z.string(), submittedTime: z.string() });
const sums = z.record(z.string(), z.string());
const currencyTotals = z.object({ currency: z.string().nullable(), rows: z.number(), sums });
const publishedSchema = z.object({
    sources: z.array(sourceSchema).optional(),
    files: z.array(
        z.object({
            name: z.string(),
            rows: z.number(),
            sums,
            byCurrency: z.array(currencyTotals).optional(),
            input: z.array(currencyTotals).optional(),
            changes: z.array(currencyTotals.extend({ code: z.string() })).optional(),
            sourceRunId: z.string().optional(),
            exportType: z.string().optional(),
        }),
    ),
});

/** The files and source runs of the dataset folder as published now; nothing when it has no (readable) manifest. */
export async function readPublishedFolder(
    store: ObjectStore,
    folder: string,
): Promise<{ folder: string; files: ReleaseFile[]; sources: PublishedSource[] }> {
    let text: string;
    try {
        text = await store.readText(`${folder}/${FOLDER_MANIFEST}`);
    } catch (error) {
        if (error instanceof InputError && error.code === 'PartMissing') return { folder, files: [], sources: [] };
        throw error;
    }
    const parsed = publishedSchema.safeParse(parseJson(text));
    if (!parsed.success) return { folder, files: [], sources: [] };
    const sources = parsed.data.sources ?? [];
    const files = parsed.data.files.flatMap(({ name, sourceRunId, rows, sums, byCurrency, input, changes }) => {
        const source = sources.find((s) => s.runId === sourceRunId);
        const totals = {
            rows,
            sums,
            ...(byCurrency && { byCurrency }),
            ...(input && { input }),
            ...(changes && { changes }),
        };
        return source ? [{ name, totals, source }] : [];
    });
    return { folder, files, sources };
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

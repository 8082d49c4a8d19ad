import { z } from 'zod';

import { loadAsset } from '../loadAsset';

const sourceGapsFile = z.object({
    About: z.string(),
    Rules: z.record(z.string(), z.object({ Reason: z.string().min(1) })),
});

let cached: ReadonlyMap<string, string> | undefined;

/**
 * MUST rules that Cost Management exports fail for want of the value in the export (`data/focus-source-gaps.json`),
 * by rule id, with the reason: failures the hub reports as source gaps rather than as its own.
 */
export function sourceGaps(): ReadonlyMap<string, string> {
    cached ??= new Map(
        Object.entries(sourceGapsFile.parse(JSON.parse(loadAsset('data/focus-source-gaps.json'))).Rules).map(
            ([id, { Reason }]) => [id, Reason],
        ),
    );
    return cached;
}

import { z } from 'zod';

/** Where a classification came from: the meter table, a curated override, or the name parser. */
export type ClassificationSource = 'table' | 'override' | 'parsed' | 'unknown';

const text = z.string().nullable();

/**
 * The AI columns added to a FOCUS row, in output order (the columns of the meter table and of the DuckDB join table),
 * as the meter table CSV spells them: every one is null for meters that are not AI model meters. The one definition
 * of those columns: the type, the column list and the all-null row derive from it.
 */
export const aiMeterAttributesSchema = z.object({
    x_ModelDeveloper: text,
    x_ModelFamily: text,
    /** `unknown` for a token meter whose model could not be identified. */
    x_ModelId: text,
    /** ISO date decoded from a version code in the meter name. */
    x_ModelVersion: z.iso.date().nullable(),
    x_TokenDirection: z.enum(['Input', 'Output']).nullable(),
    x_CacheAction: z.enum(['Read', 'Write', 'Uncached']).nullable(),
    x_DeploymentType: z.enum(['Global', 'DataZone', 'Regional', 'Provisioned']).nullable(),
    x_ProcessingTier: z.enum(['Standard', 'Batch', 'Priority', 'Provisioned']).nullable(),
    x_AIWorkload: z.enum(['Inference', 'Training', 'Hosting', 'Grading']).nullable(),
    /** True when the meter name ends in `Tokens`; null for meters that are not AI meters. */
    x_IsTokenMeter: z
        .enum(['true', 'false'])
        .nullable()
        .transform((v) => (v === null ? null : v === 'true')),
    /** Tokens per priced block: 1000 for `… Tokens`, 1000000 for `… 1M Tokens`. */
    x_TokenBlockSize: z
        .enum(['1000', '1000000'])
        .nullable()
        .transform((v) => (v === null ? null : (Number(v) as 1000 | 1000000))),
    /** Data-quality flags, `;`-separated (`model-unknown`, `direction-unknown`, `version-code-unknown`). */
    x_AIMeterFlags: text,
});

export type AiMeterAttributes = z.output<typeof aiMeterAttributesSchema>;
export type AiMeterColumn = keyof AiMeterAttributes;

/** Direction of the tokens a meter bills (FOCUS 1.5 draft `TokenDirection`). */
export type TokenDirection = NonNullable<AiMeterAttributes['x_TokenDirection']>;
/** Prompt-cache role of input tokens (FOCUS 1.5 draft `CacheAction`). */
export type CacheAction = NonNullable<AiMeterAttributes['x_CacheAction']>;
/** Where a deployment processes requests. */
export type DeploymentType = NonNullable<AiMeterAttributes['x_DeploymentType']>;
/** How requests are scheduled and priced. */
export type ProcessingTier = NonNullable<AiMeterAttributes['x_ProcessingTier']>;
/** What the meter pays for. */
export type AIWorkload = NonNullable<AiMeterAttributes['x_AIWorkload']>;

/** Attribute names in output order. */
export const AI_METER_COLUMNS: readonly AiMeterColumn[] = aiMeterAttributesSchema.keyof().options;

/** Attributes of a meter that is not an AI model meter. */
export const NON_AI_ATTRIBUTES: Readonly<AiMeterAttributes> = Object.freeze(
    Object.fromEntries(AI_METER_COLUMNS.map((column) => [column, null])) as AiMeterAttributes,
);

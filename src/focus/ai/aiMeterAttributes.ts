/** Direction of the tokens a meter bills (FOCUS 1.5 draft `TokenDirection`). */
export type TokenDirection = 'Input' | 'Output';
/** Prompt-cache role of input tokens (FOCUS 1.5 draft `CacheAction`). */
export type CacheAction = 'Read' | 'Write' | 'Uncached';
/** Where a deployment processes requests. */
export type DeploymentType = 'Global' | 'DataZone' | 'Regional' | 'Provisioned';
/** How requests are scheduled and priced. */
export type ProcessingTier = 'Standard' | 'Batch' | 'Priority' | 'Provisioned';
/** What the meter pays for. */
export type AIWorkload = 'Inference' | 'Training' | 'Hosting' | 'Grading';
/** Where a classification came from: the meter table, a curated override, or the name parser. */
export type ClassificationSource = 'table' | 'override' | 'parsed' | 'unknown';

/** The AI columns added to a FOCUS row; every one is null for meters that are not AI model meters. */
export interface AiMeterAttributes {
    x_ModelDeveloper: string | null;
    x_ModelFamily: string | null;
    /** `unknown` for a token meter whose model could not be identified. */
    x_ModelId: string | null;
    /** ISO date decoded from a version code in the meter name. */
    x_ModelVersion: string | null;
    x_TokenDirection: TokenDirection | null;
    x_CacheAction: CacheAction | null;
    x_DeploymentType: DeploymentType | null;
    x_ProcessingTier: ProcessingTier | null;
    x_AIWorkload: AIWorkload | null;
    /** True when the meter name ends in `Tokens`; null for meters that are not AI meters. */
    x_IsTokenMeter: boolean | null;
    /** Tokens per priced block: 1000 for `… Tokens`, 1000000 for `… 1M Tokens`. */
    x_TokenBlockSize: 1000 | 1000000 | null;
    /** Data-quality flags, `;`-separated (`model-unknown`, `direction-unknown`, `version-code-unknown`). */
    x_AIMeterFlags: string | null;
}

/** Attribute names in output order (the columns of the meter table and of the DuckDB join table). */
export const AI_METER_COLUMNS = [
    'x_ModelDeveloper',
    'x_ModelFamily',
    'x_ModelId',
    'x_ModelVersion',
    'x_TokenDirection',
    'x_CacheAction',
    'x_DeploymentType',
    'x_ProcessingTier',
    'x_AIWorkload',
    'x_IsTokenMeter',
    'x_TokenBlockSize',
    'x_AIMeterFlags',
] as const satisfies readonly (keyof AiMeterAttributes)[];

/** Attributes of a meter that is not an AI model meter. */
export const NON_AI_ATTRIBUTES: Readonly<AiMeterAttributes> = Object.freeze({
    x_ModelDeveloper: null,
    x_ModelFamily: null,
    x_ModelId: null,
    x_ModelVersion: null,
    x_TokenDirection: null,
    x_CacheAction: null,
    x_DeploymentType: null,
    x_ProcessingTier: null,
    x_AIWorkload: null,
    x_IsTokenMeter: null,
    x_TokenBlockSize: null,
    x_AIMeterFlags: null,
});

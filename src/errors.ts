/**
 * The hub's error hierarchy. Every failure a user can act on carries a stable `code` (each documented with its
 * severity and mitigation in the table of docs/error-codes.md, which a test keeps equal to this list), says which
 * blob, column or setting is at fault, and whether retrying the same input can help.
 */
export const ERROR_CODES = [
    'ManifestInvalid',
    'BlobOutsideContainer',
    'PartMissing',
    'PartCorrupt',
    'CsvMalformed',
    'SchemaMismatch',
    'ValueInvalid',
    'RowCountMismatch',
    'UnsupportedDataset',
    'UnsupportedFileType',
    'StorageUnavailable',
    'PublishBusy',
    'TransformFailed',
    'ConfigInvalid',
    'UsageError',
    'NoPublishedData',
    'StateLocked',
    'WorkItemInvalid',
    'RunStalled',
    'PartPoisoned',
    'NoRows',
    'RunSuperseded',
    'ValidationFailed',
    'StagingInvalid',
    'SwapOrphaned',
    'LockLost',
    'FlatNamespace',
    'ReconciliationFailed',
    'ChargeOutsidePeriod',
    'TelemetryErrorBody',
    'TelemetryThrottled',
    'TelemetryForbidden',
    'PublishedFileInvalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class PipelineError extends Error {
    override name = 'PipelineError';

    constructor(
        readonly code: ErrorCode,
        message: string,
        readonly retryable = false,
        options?: { cause?: unknown },
    ) {
        super(message, options);
    }
}

/** The export or its manifest is wrong: retrying the same input gives the same answer. */
export class InputError extends PipelineError {
    override name = 'InputError';
}

/** Storage, network or the host failed: the same input may succeed when tried again. */
export class TransientError extends PipelineError {
    override name = 'TransientError';

    constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
        super(code, message, true, options);
    }
}

/** Whether an error must stop the whole process rather than one run: the CLI lost the lock on its folders. */
export const stopsProcess = (error: PipelineError): boolean => error.code === 'LockLost';

/** Turns anything thrown into a PipelineError, keeping the original as `cause`. */
export function ensureError(error: unknown): PipelineError {
    if (error instanceof PipelineError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new PipelineError('TransformFailed', message, false, { cause: error });
}

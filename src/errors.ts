/**
 * The hub's error hierarchy. Every failure a user can act on carries a stable `code` (documented with a mitigation in
 * docs/errors.md), says which blob, column or setting is at fault, and whether retrying the same input can help.
 */
export type ErrorCode =
    | 'ManifestInvalid'
    | 'BlobOutsideContainer'
    | 'PartMissing'
    | 'CsvMalformed'
    | 'PartCorrupt'
    | 'ValueInvalid'
    | 'SchemaMismatch'
    | 'UnsupportedDataset'
    | 'UnsupportedFileType'
    | 'RowCountMismatch'
    | 'ConfigInvalid'
    | 'StorageUnavailable'
    | 'TransformFailed'
    | 'UsageError'
    | 'WorkItemInvalid'
    | 'NoPublishedData';

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

/** Turns anything thrown into a PipelineError, keeping the original as `cause`. */
export function ensureError(error: unknown): PipelineError {
    if (error instanceof PipelineError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new PipelineError('TransformFailed', message, false, { cause: error });
}

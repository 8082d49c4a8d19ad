import { InputError, PipelineError } from '../errors';

/**
 * Maps a DuckDB error raised while reading a part to a coded error a user can act on. Conversion errors are left to
 * the caller, which can name the column.
 */
export function classifyReadError(error: unknown, partName: string): PipelineError {
    const message = error instanceof Error ? error.message : String(error);
    // DuckDB names the part's local scratch copy (`"/tmp/hub-…/input.csv"`), which means nothing to the reader.
    const first = (message.split('\n')[0] ?? message).replace(/(["'])(?:\/|[A-Za-z]:\\)[^"'\n]*\1/g, 'the part');
    if (/CSV Error|sniff|quote|column count|Expected Number of Columns/i.test(message)) {
        return new InputError('CsvMalformed', `Part ${partName} is not a well-formed CSV file: ${first}`, false, {
            cause: error,
        });
    }
    if (/gzip|zstd|deflate|compress|parquet|magic bytes|footer|thrift|Invalid Input Error|IO Error/i.test(message)) {
        return new InputError(
            'PartCorrupt',
            `Part ${partName} cannot be read (truncated or corrupt): ${first}`,
            false,
            {
                cause: error,
            },
        );
    }
    return new PipelineError('TransformFailed', `Part ${partName} could not be converted: ${first}`, false, {
        cause: error,
    });
}

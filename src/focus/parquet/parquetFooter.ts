import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

import { ThriftCompactReader, ThriftType } from './ThriftCompactReader';

const MAGIC = 'PAR1';

/** The Thrift-encoded FileMetaData of a Parquet file and where it starts. */
export interface ParquetFooter {
    bytes: Uint8Array;
    /** Offset of the footer in the file: data pages lie before it. */
    start: number;
}

/** A column chunk's Statistics struct inside a footer: which column, its byte range, and its fields' ranges. */
export interface ChunkStatistics {
    rowGroup: number;
    /** ColumnMetaData.path_in_schema, joined with `.`. */
    column: string;
    /** The struct's bytes in the footer, from its first field header to its stop byte inclusive. */
    start: number;
    end: number;
    /** Field id → the field's encoded value (empty for booleans, whose value is in the header type). */
    fields: Map<number, { type: number; value: Uint8Array }>;
}

/** A binary Statistics field as its bytes (field 6 = min_value, 5 = max_value: the PLAIN-encoded physical value). */
export function statisticsBinary(chunk: ChunkStatistics, id: number): Uint8Array | undefined {
    const field = chunk.fields.get(id);
    return field?.type === ThriftType.binary ? new ThriftCompactReader(field.value).binary() : undefined;
}

/** Reads only the footer of a Parquet file: the last 8 bytes give its length, nothing else is read. */
export function readFooter(path: string): ParquetFooter {
    const fd = openSync(path, 'r');
    try {
        const size = fstatSync(fd).size;
        const tail = Buffer.alloc(8);
        if (size < 12 || readSync(fd, tail, 0, 8, size - 8) !== 8 || tail.toString('latin1', 4) !== MAGIC) {
            throw new Error(`${path} is not a Parquet file (no PAR1 footer)`);
        }
        const length = tail.readUInt32LE(0);
        const start = size - 8 - length;
        if (start < 4) throw new Error(`${path}: footer length ${length} exceeds the file`);
        const bytes = Buffer.alloc(length);
        readSync(fd, bytes, 0, length, start);
        return { bytes, start };
    } finally {
        closeSync(fd);
    }
}

/** Whether `path` ends with a readable Parquet footer (size, magic bytes, footer length). */
export function isParquetFile(path: string): boolean {
    try {
        readFooter(path);
        return true;
    } catch {
        return false;
    }
}

/**
 * Every column chunk's Statistics in a footer (FileMetaData.row_groups[].columns[].meta_data.statistics, Thrift
 * fields 4, 1, 3 and 12 of apache/parquet-format `parquet.thrift`), with the byte range of each so that a caller can
 * rewrite just those bytes.
 */
export function chunkStatistics(footer: Uint8Array): ChunkStatistics[] {
    const reader = new ThriftCompactReader(footer);
    const found: ChunkStatistics[] = [];
    let rowGroup = 0;
    eachField(reader, (id, type) => {
        if (id !== 4 || type !== ThriftType.list) return false;
        eachElement(reader, () => {
            eachField(reader, (rgId, rgType) => {
                if (rgId !== 1 || rgType !== ThriftType.list) return false;
                eachElement(reader, () =>
                    eachField(reader, (ccId, ccType) => {
                        if (ccId !== 3 || ccType !== ThriftType.struct) return false;
                        const chunk = columnMetaData(reader, rowGroup);
                        if (chunk) found.push(chunk);
                        return true;
                    }),
                );
                return true;
            });
            rowGroup++;
        });
        return true;
    });
    return found;
}

/** Reads a ColumnMetaData struct, returning its statistics (if any) with the column path. */
function columnMetaData(reader: ThriftCompactReader, rowGroup: number): ChunkStatistics | undefined {
    let path: string[] = [];
    let statistics: Omit<ChunkStatistics, 'rowGroup' | 'column'> | undefined;
    eachField(reader, (id, type) => {
        if (id === 3 && type === ThriftType.list) {
            const { size } = reader.listHeader();
            path = Array.from({ length: size }, () => Buffer.from(reader.binary()).toString('utf8'));
            return true;
        }
        if (id === 12 && type === ThriftType.struct) {
            const start = reader.pos;
            const fields = new Map<number, { type: number; value: Uint8Array }>();
            eachField(reader, (statId, statType) => {
                const from = reader.pos;
                reader.skip(statType);
                fields.set(statId, { type: statType, value: reader.bytes.subarray(from, reader.pos) });
                return true;
            });
            statistics = { start, end: reader.pos, fields };
            return true;
        }
        return false;
    });
    return statistics && { rowGroup, column: path.join('.'), ...statistics };
}

/** Calls `visit` for each field of the struct at the reader; a field `visit` does not consume (false) is skipped. */
function eachField(reader: ThriftCompactReader, visit: (id: number, type: number) => boolean): void {
    for (let field = reader.fieldHeader(0); field; field = reader.fieldHeader(field.id)) {
        if (!visit(field.id, field.type)) reader.skip(field.type);
    }
}

/** Calls `visit` once per element of the list of structs at the reader. */
function eachElement(reader: ThriftCompactReader, visit: () => void): void {
    const { size, elementType } = reader.listHeader();
    if (elementType !== ThriftType.struct) {
        for (let i = 0; i < size; i++) reader.skip(elementType, true);
        return;
    }
    for (let i = 0; i < size; i++) visit();
}

import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

import { ChunkStatistics, chunkStatistics, readFooter } from './parquetFooter';

/** Statistics fields dropped: max, min (deprecated), max_value, min_value, is_max_value_exact, is_min_value_exact. */
const MIN_MAX_FIELDS = new Set([1, 2, 5, 6, 7, 8]);

/**
 * Removes the min/max statistics of one column from a Parquet file, in place, by rewriting only its footer: every
 * other byte of the file stays as it is, rows never pass through JavaScript, and null_count and distinct_count are
 * kept. A file DuckDB wrote for an all-null column looks the same; readers then simply do not prune row groups by
 * that column. Returns whether the file changed (a second call finds nothing to remove).
 */
export function stripMinMaxStatistics(path: string, column: string): boolean {
    const footer = readFooter(path);
    const edits = chunkStatistics(footer.bytes).filter(
        (chunk) => chunk.column === column && [...chunk.fields.keys()].some((id) => MIN_MAX_FIELDS.has(id)),
    );
    if (edits.length === 0) return false;
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const edit of edits) {
        pieces.push(footer.bytes.subarray(from, edit.start), withoutMinMax(edit));
        from = edit.end;
    }
    pieces.push(footer.bytes.subarray(from));
    const rewritten = Buffer.concat(pieces);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(rewritten.length, 0);
    trailer.write('PAR1', 4, 'latin1');
    const fd = openSync(path, 'r+');
    try {
        ftruncateSync(fd, footer.start);
        writeSync(fd, Buffer.concat([rewritten, trailer]), 0, rewritten.length + 8, footer.start);
    } finally {
        closeSync(fd);
    }
    return true;
}

/** The Statistics struct re-encoded with the fields kept: headers recomputed, values copied byte for byte. */
function withoutMinMax(chunk: ChunkStatistics): Uint8Array {
    const bytes: number[] = [];
    let lastId = 0;
    for (const [id, { type, value }] of [...chunk.fields].sort(([a], [b]) => a - b)) {
        if (MIN_MAX_FIELDS.has(id)) continue;
        const delta = id - lastId;
        if (delta > 0 && delta <= 15) bytes.push((delta << 4) | type);
        else bytes.push(type, ...zigzagVarint(id));
        bytes.push(...value);
        lastId = id;
    }
    bytes.push(0);
    return Uint8Array.from(bytes);
}

function zigzagVarint(n: number): number[] {
    let rest = (n << 1) ^ (n >> 31);
    const out: number[] = [];
    while (rest >= 0x80) {
        out.push((rest & 0x7f) | 0x80);
        rest >>>= 7;
    }
    out.push(rest);
    return out;
}

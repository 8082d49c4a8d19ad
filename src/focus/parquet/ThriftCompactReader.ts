/** Thrift compact protocol type ids (apache/thrift `doc/specs/thrift-compact-protocol.md`). */
export const ThriftType = {
    stop: 0,
    true: 1,
    false: 2,
    byte: 3,
    i16: 4,
    i32: 5,
    i64: 6,
    double: 7,
    binary: 8,
    list: 9,
    set: 10,
    map: 11,
    struct: 12,
} as const;

export interface FieldHeader {
    id: number;
    type: number;
}

/**
 * Reads Thrift compact protocol bytes (the encoding of a Parquet footer) from a position on: field headers, integers,
 * binaries, and skipping any value, so a caller can walk the structs it cares about and step over the rest without a
 * schema. Positions are byte offsets into `bytes`, so a caller can splice the bytes of a value it replaces.
 */
export class ThriftCompactReader {
    constructor(
        readonly bytes: Uint8Array,
        public pos = 0,
    ) {}

    private byte(): number {
        const value = this.bytes[this.pos++];
        if (value === undefined) throw new Error(`Thrift data ends at byte ${this.pos - 1}`);
        return value;
    }

    /** An unsigned LEB128 varint. */
    varint(): bigint {
        let result = 0n;
        for (let shift = 0n; ; shift += 7n) {
            const b = this.byte();
            result |= BigInt(b & 0x7f) << shift;
            if ((b & 0x80) === 0) return result;
        }
    }

    /** A zigzag-encoded i16, i32 or i64. */
    integer(): bigint {
        const n = this.varint();
        return (n >> 1n) ^ -(n & 1n);
    }

    binary(): Uint8Array {
        const length = Number(this.varint());
        const start = this.pos;
        this.pos += length;
        if (this.pos > this.bytes.length) throw new Error(`Thrift binary at byte ${start} runs past the data`);
        return this.bytes.subarray(start, this.pos);
    }

    /** The next field of a struct whose previous field id was `lastId`; undefined at the struct's end. */
    fieldHeader(lastId: number): FieldHeader | undefined {
        const header = this.byte();
        const type = header & 0x0f;
        if (type === ThriftType.stop) return undefined;
        const delta = header >> 4;
        return { id: delta === 0 ? Number(this.integer()) : lastId + delta, type };
    }

    /** A list or set header: element count and element type. */
    listHeader(): { size: number; elementType: number } {
        const header = this.byte();
        const short = header >> 4;
        return { size: short === 15 ? Number(this.varint()) : short, elementType: header & 0x0f };
    }

    /** Steps over one value of `type` (a struct field's boolean lives in its header: nothing to skip). */
    skip(type: number, inList = false): void {
        switch (type) {
            case ThriftType.true:
            case ThriftType.false:
                if (inList) this.pos += 1;
                return;
            case ThriftType.byte:
                this.pos += 1;
                return;
            case ThriftType.double:
                this.pos += 8;
                return;
            case ThriftType.i16:
            case ThriftType.i32:
            case ThriftType.i64:
                this.varint();
                return;
            case ThriftType.binary:
                this.binary();
                return;
            case ThriftType.list:
            case ThriftType.set: {
                const { size, elementType } = this.listHeader();
                for (let i = 0; i < size; i++) this.skip(elementType, true);
                return;
            }
            case ThriftType.map: {
                const size = Number(this.varint());
                if (size === 0) return;
                const types = this.byte();
                for (let i = 0; i < size; i++) {
                    this.skip(types >> 4, true);
                    this.skip(types & 0x0f, true);
                }
                return;
            }
            case ThriftType.struct:
                this.skipStruct();
                return;
            default:
                throw new Error(`Unknown Thrift compact type ${type} at byte ${this.pos}`);
        }
    }

    skipStruct(): void {
        for (let field = this.fieldHeader(0); field; field = this.fieldHeader(field.id)) this.skip(field.type);
    }
}

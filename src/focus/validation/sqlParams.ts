import type { DuckDBValue } from '@duckdb/node-api';

/** Collects bound values for generated SQL: each `bind` returns a fresh `$pN` placeholder. */
export class SqlParams {
    private readonly values: Record<string, DuckDBValue> = {};
    private next = 0;

    /** Registers a value and returns its placeholder. */
    bind(value: DuckDBValue): string {
        const name = `p${this.next++}`;
        this.values[name] = value;
        return `$${name}`;
    }

    /** The values a piece of SQL refers to (DuckDB rejects values that are bound but unused). */
    for(sql: string): Record<string, DuckDBValue> {
        const used: Record<string, DuckDBValue> = {};
        for (const match of sql.matchAll(/\$(p\d+)\b/g)) {
            const name = match[1] as string;
            used[name] = this.values[name] ?? null;
        }
        return used;
    }
}

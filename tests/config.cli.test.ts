import { readCliConfig, readConfig } from '../src/config';

const GIB = 2 ** 30;

describe('readCliConfig', () => {
    it('gives DuckDB a thread per core and half the free memory, between 1 and 8 GB', () => {
        expect(readCliConfig({}, { cores: 8, freeBytes: 6 * GIB }).duckdb).toMatchObject({
            threads: 8,
            memoryLimit: '3072MB',
        });
        expect(readCliConfig({}, { cores: 2, freeBytes: 0.5 * GIB }).duckdb.memoryLimit).toBe('1024MB');
        expect(readCliConfig({}, { cores: 64, freeBytes: 200 * GIB }).duckdb.memoryLimit).toBe('8192MB');
    });

    it('keeps what the settings say, and the function app keeps its own defaults', () => {
        const env = { HUB_DUCKDB_THREADS: '1', HUB_DUCKDB_MEMORY_LIMIT: '1GB' };
        expect(readCliConfig(env, { cores: 8, freeBytes: 16 * GIB }).duckdb).toMatchObject({
            threads: 1,
            memoryLimit: '1GB',
        });
        expect(readConfig({}).duckdb).toMatchObject({ threads: 1, memoryLimit: '1GB' });
    });
});

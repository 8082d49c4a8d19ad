import type { MeasureSetup } from './measure';

/** A DuckDB setting to measure, named after the Flex Consumption instance size it stands for. */
export interface SettingsCase {
    name: string;
    setup: MeasureSetup;
}

/**
 * DuckDB settings for a 2 GB Flex instance (1 vCPU: the process is pinned to one CPU) and a 4 GB one (2 vCPU), each
 * with insertion order off (the hub's choice) and on. Spill space is the hub's default 500MB.
 */
export function settingsCases(tempDirectory: string): SettingsCase[] {
    const setup = (memoryLimit: string, threads: number, cpus?: string, preserveInsertionOrder?: boolean) => ({
        duckdb: { memoryLimit, threads, tempDirectory, maxTempDirectorySize: '500MB' },
        ...(cpus === undefined ? {} : { cpus }),
        ...(preserveInsertionOrder === undefined ? {} : { preserveInsertionOrder }),
    });
    return [
        { name: '2GB/1vCPU 1GB t1', setup: setup('1GB', 1, '0') },
        { name: '2GB/1vCPU 1GB t2', setup: setup('1GB', 2, '0') },
        { name: '2GB/1vCPU 1GB t1 ordered', setup: setup('1GB', 1, '0', true) },
        { name: '4GB/2vCPU 1GB t2', setup: setup('1GB', 2) },
        { name: '4GB/2vCPU 2GB t2', setup: setup('2GB', 2) },
        { name: '4GB/2vCPU 2GB t2 ordered', setup: setup('2GB', 2, undefined, true) },
    ];
}

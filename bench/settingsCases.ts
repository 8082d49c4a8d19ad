import type { MeasureSetup } from './measure';

/** A DuckDB setting to measure, named after the Flex Consumption instance size it stands for. */
export interface SettingsCase {
    name: string;
    setup: MeasureSetup;
}

/**
 * DuckDB settings for a 2 GB Flex instance (1 vCPU: the process is pinned to one CPU) and a 4 GB one (2 vCPU). Spill
 * space is the hub's default 500MB. The sweep runs the hub's transform and the floor with each.
 */
export function settingsCases(tempDirectory: string): SettingsCase[] {
    const setup = (memoryLimit: string, threads: number, cpus?: string): MeasureSetup => {
        const duckdb = { memoryLimit, threads, tempDirectory, maxTempDirectorySize: '500MB' };
        return { cli: duckdb, functions: duckdb, ...(cpus === undefined ? {} : { cpus }) };
    };
    return [
        { name: '2GB/1vCPU 1GB t1', setup: setup('1GB', 1, '0') },
        { name: '2GB/1vCPU 1GB t2', setup: setup('1GB', 2, '0') },
        { name: '4GB/2vCPU 1GB t2', setup: setup('1GB', 2) },
        { name: '4GB/2vCPU 2GB t2', setup: setup('2GB', 2) },
    ];
}

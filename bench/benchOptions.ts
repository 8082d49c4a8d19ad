import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { PartFormat } from '../src/focus/partFormat';
import type { BenchMix } from './benchInput';
import type { Contender } from './measure';

/** What one `npm run bench` run measures. */
export interface BenchOptions {
    /** Data rows of each generated export part, e.g. 1000000. */
    rows: number[];
    /** Row mixes: the sample generator's, and the AI-heavy one. */
    mixes: BenchMix[];
    formats: PartFormat[];
    /** Contenders, measured in turn in each run (gunzip on CSV.gz only). */
    contenders: Contender[];
    /** Repeats of each measurement; medians are reported. */
    runs: number;
    /** Sweep DuckDB settings (memory_limit, threads) with the transform on the largest CSV.gz input instead. */
    settings: boolean;
    /** Where generated inputs are kept between runs (they are reused when present). */
    dataDir: string;
    /** Where the JSON figures are written. */
    resultsDir: string;
}

export const DEFAULT_CONTENDERS: Contender[] = [
    'process',
    'floor',
    'process-off',
    'function',
    'floor-1t',
    'reconcile',
    'gunzip',
];

const ALL_CONTENDERS: Contender[] = [...DEFAULT_CONTENDERS, 'process-full', 'transform'];

/**
 * Parses `--rows 1000000 --mix sample,ai --format csv,parquet --contenders process,floor,… --runs 3 --settings
 * --data <dir> --results <dir>`.
 */
export function parseBenchArgs(argv: string[]): BenchOptions {
    const options: BenchOptions = {
        rows: [1_000_000],
        mixes: ['sample', 'ai'],
        formats: ['csv', 'parquet'],
        contenders: DEFAULT_CONTENDERS,
        runs: 3,
        settings: false,
        dataDir: join(tmpdir(), 'finops-hub-bench'),
        resultsDir: join('bench', 'results'),
    };
    for (let index = 0; index < argv.length; index++) {
        const flag = argv[index];
        const value = (): string => {
            const next = argv[++index];
            if (next === undefined) throw new Error(`${flag} needs a value`);
            return next;
        };
        const list = <T extends string>(allowed: readonly T[]): T[] =>
            value()
                .split(',')
                .map((item) => {
                    if (!allowed.includes(item as T))
                        throw new Error(`${flag} takes ${allowed.join(', ')}, got ${item}`);
                    return item as T;
                });
        if (flag === '--rows')
            options.rows = value()
                .split(',')
                .map((text) => wholeNumber(flag, text));
        else if (flag === '--mix') options.mixes = list(['sample', 'ai'] as const);
        else if (flag === '--format') options.formats = list(['csv', 'parquet'] as const);
        else if (flag === '--contenders') options.contenders = list(ALL_CONTENDERS);
        else if (flag === '--runs') options.runs = wholeNumber(flag, value());
        else if (flag === '--settings') options.settings = true;
        else if (flag === '--data') options.dataDir = value();
        else if (flag === '--results') options.resultsDir = value();
        else
            throw new Error(
                `Unknown option ${flag}; use --rows N[,N…] --mix sample,ai --format csv,parquet --contenders LIST --runs N --settings --data DIR --results DIR`,
            );
    }
    return options;
}

function wholeNumber(flag: string, text: string): number {
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} takes whole numbers ≥ 1, got "${text}"`);
    return value;
}

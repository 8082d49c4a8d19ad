import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one `npm run bench` run measures. */
export interface BenchOptions {
    /** Data rows of each generated export part, e.g. 100000 and 1000000. */
    rows: number[];
    /** Repeats of each measurement; medians are reported. */
    runs: number;
    /** Sweep DuckDB settings (memory_limit, threads, preserve_insertion_order) on the largest CSV.gz input instead. */
    settings: boolean;
    /** Where generated inputs are kept between runs (they are reused when present). */
    dataDir: string;
    /** Where the JSON figures are written. */
    resultsDir: string;
}

/** Parses `--rows 100000,1000000 --runs 3 --settings --data <dir> --results <dir>`. */
export function parseBenchArgs(argv: string[]): BenchOptions {
    const options: BenchOptions = {
        rows: [100_000, 1_000_000],
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
        if (flag === '--rows')
            options.rows = value()
                .split(',')
                .map((text) => wholeNumber(flag, text));
        else if (flag === '--runs') options.runs = wholeNumber(flag, value());
        else if (flag === '--settings') options.settings = true;
        else if (flag === '--data') options.dataDir = value();
        else if (flag === '--results') options.resultsDir = value();
        else throw new Error(`Unknown option ${flag}; use --rows N[,N…] --runs N --settings --data DIR --results DIR`);
    }
    return options;
}

function wholeNumber(flag: string, text: string): number {
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} takes whole numbers ≥ 1, got "${text}"`);
    return value;
}

import { availableParallelism, freemem, tmpdir } from 'node:os';

import { PipelineError } from './errors';
import { defaultTagAliases, parseTagAliases, TagAliases } from './focus/datasets/costs/tagAliases';

/** The connection name the function bindings and our SDK clients share (`HubStorage`, `HubStorage__blobServiceUri`…). */
export const HUB_STORAGE = 'HubStorage';

export interface StorageConnection {
    /** A connection string (Azurite, local development), or… */
    connectionString?: string;
    /** …identity-based service URIs, used with DefaultAzureCredential. */
    blobServiceUri?: string;
    queueServiceUri?: string;
    tableServiceUri?: string;
    /** Client id of a user-assigned managed identity. */
    clientId?: string;
}

export interface HubConfig {
    storage: StorageConnection;
    exportsContainer: string;
    ingestionContainer: string;
    partsQueue: string;
    runsTable: string;
    duckdb: { memoryLimit: string; threads: number; tempDirectory: string; maxTempDirectorySize: string };
    validation: ValidationSettings;
    /** Tag keys (lower-case) read into x_TagCostCenter, x_TagEnvironment, x_TagApplication, first match wins. */
    tagAliases: TagAliases;
    /**
     * Shape Costs for the FinOps toolkit's storage Power BI reports (docs/power-bi.md
     * "FinOps toolkit Power BI reports").
     */
    storageReport: boolean;
    timing: Timing;
    /** Recompute AI insights (Anomalies, Forecasts, report) after each Costs publish. */
    insights: boolean;
    /** Months of published data kept before the current month; older month folders are deleted by the sweep. */
    retentionMonths: number;
    telemetry: TelemetrySettings;
    /** Score a day's distance from its series' baseline must reach to be an anomaly (docs/insights.md "Anomalies"). */
    anomalyThreshold: number;
}

/** How long claims last and when silent work counts as stalled (see docs/publishing.md "Run states: every run ends"). */
export interface Timing {
    /** A publish lease, and a `publishing` claim, lapse after this long without renewal. */
    leaseMs: number;
    /** A `running` run with no part progress for this long is stalled (longer than a function may run). */
    staleMs: number;
    /** Replaced files stay under `_retired/` this long, so queries that listed them can finish. */
    retiredGraceMs: number;
    /** Times a stalled run is resumed before it fails with `RunStalled`. */
    maxResumes: number;
}

/** Default of `HUB_ANOMALY_THRESHOLD` (docs/insights.md "Anomalies" gives the reasons). */
export const DEFAULT_ANOMALY_THRESHOLD = 6;

/** What the `telemetry` timer pulls (docs/capacity.md, docs/settings.md). */
export interface TelemetrySettings {
    /** Pull at all (HUB_TELEMETRY). */
    enabled: boolean;
    /** Accounts pulled besides those seen in published Costs (resource ids, lower-cased). */
    accounts: string[];
    /** Application Insights resource holding API Management's token metrics; no consumer metrics without it. */
    appInsightsId?: string;
    /** The custom dimension consumers are told apart by (`Subscription ID`, `Product ID`, `Team`, …). */
    consumerDimension: string;
    /** The custom dimension holding the deployment a request went to. */
    deploymentDimension: string;
}

export interface ValidationSettings {
    /**
     * Check each published part against the FOCUS 1.2 rules: not at all, a random sample of rows, or every row. Unset
     * (HUB_VALIDATION): `sample`, or `full` with strict mode, whose verdict must not depend on which rows were drawn.
     */
    mode: 'off' | 'sample' | 'full';
    /** HUB_VALIDATION was set: strict mode keeps the mode it names. */
    modeSet: boolean;
    sampleRows: number;
    /** Fail a run, unpublished, when its output fails a MUST rule the hub could have prevented. */
    strict: boolean;
}

/** `settings` in strict mode (`finops-hub process --strict`): every row checked unless HUB_VALIDATION says otherwise. */
export function strictValidation(settings: ValidationSettings): ValidationSettings {
    return { ...settings, strict: true, mode: settings.modeSet ? settings.mode : 'full' };
}

type Env = Record<string, string | undefined>;

/** What the CLI sizes DuckDB by: processors and free memory (bytes). */
export interface Machine {
    cores: number;
    freeBytes: number;
}

/** DuckDB's share of free memory on a laptop, and the bounds of that share. */
const CLI_MEMORY_SHARE = 0.5;
const CLI_MEMORY_MIN_MB = 1024;
const CLI_MEMORY_MAX_MB = 8192;

/**
 * The CLI's settings: readConfig's, except that DuckDB uses the machine it runs on unless told otherwise: a thread per
 * processor (`HUB_DUCKDB_THREADS`) and half the free memory, between 1 and 8 GB (`HUB_DUCKDB_MEMORY_LIMIT`).
 */
export function readCliConfig(
    env: Env = process.env,
    machine: Machine = { cores: availableParallelism(), freeBytes: freemem() },
): HubConfig {
    const memoryMb = Math.round(
        Math.min(CLI_MEMORY_MAX_MB, Math.max(CLI_MEMORY_MIN_MB, (machine.freeBytes * CLI_MEMORY_SHARE) / 2 ** 20)),
    );
    return readConfig({
        ...env,
        HUB_DUCKDB_THREADS: env.HUB_DUCKDB_THREADS || String(Math.max(1, machine.cores)),
        HUB_DUCKDB_MEMORY_LIMIT: env.HUB_DUCKDB_MEMORY_LIMIT || `${memoryMb}MB`,
    });
}

/**
 * The only reader of `process.env`. Every setting is an app-setting name; defaults fit a 2 GB Flex Consumption instance
 * (see docs/settings.md).
 */
export function readConfig(env: Env = process.env): HubConfig {
    const storage = readStorage(env);
    return {
        storage,
        exportsContainer: env.HUB_EXPORTS_CONTAINER ?? 'msexports',
        ingestionContainer: env.HUB_INGESTION_CONTAINER ?? 'ingestion',
        partsQueue: env.HUB_PARTS_QUEUE ?? 'hub-parts',
        runsTable: env.HUB_RUNS_TABLE ?? 'hubruns',
        duckdb: {
            memoryLimit: env.HUB_DUCKDB_MEMORY_LIMIT ?? '1GB',
            threads: positiveInt(env, 'HUB_DUCKDB_THREADS', 1),
            tempDirectory: env.HUB_TEMP_DIR ?? tmpdir(),
            maxTempDirectorySize: env.HUB_DUCKDB_MAX_TEMP_SIZE ?? '500MB',
        },
        validation: validationSettings(env),
        tagAliases: env.HUB_TAG_ALIASES ? parseTagAliases(env.HUB_TAG_ALIASES, 'HUB_TAG_ALIASES') : defaultTagAliases(),
        storageReport: onOff(env, 'HUB_POWERBI_STORAGE_REPORT', false),
        insights: onOff(env, 'HUB_INSIGHTS', true),
        retentionMonths: positiveInt(env, 'HUB_RETENTION_MONTHS', 13),
        telemetry: telemetrySettings(env),
        anomalyThreshold: positiveNumber(env, 'HUB_ANOMALY_THRESHOLD', DEFAULT_ANOMALY_THRESHOLD),
        timing: {
            leaseMs: positiveInt(env, 'HUB_PUBLISH_LEASE_SECONDS', 600) * 1000,
            staleMs: positiveInt(env, 'HUB_RUN_STALE_MINUTES', 45) * 60_000,
            retiredGraceMs: positiveInt(env, 'HUB_RETIRED_GRACE_MINUTES', 60) * 60_000,
            maxResumes: positiveInt(env, 'HUB_RUN_MAX_RESUMES', 3),
        },
    };
}

function readStorage(env: Env): StorageConnection {
    const connectionString = env[HUB_STORAGE];
    const blobServiceUri = env[`${HUB_STORAGE}__blobServiceUri`] ?? env[`${HUB_STORAGE}__serviceUri`];
    if (connectionString) return { connectionString };
    if (blobServiceUri) {
        return {
            blobServiceUri,
            queueServiceUri: env[`${HUB_STORAGE}__queueServiceUri`],
            tableServiceUri: env[`${HUB_STORAGE}__tableServiceUri`],
            clientId: env[`${HUB_STORAGE}__clientId`],
        };
    }
    return {};
}

const ACCOUNT_ID =
    /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.cognitiveservices\/accounts\/[^/]+$/;
const INSIGHTS_ID =
    /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.insights\/components\/[^/]+$/;
const DIMENSION = /^[A-Za-z0-9 _.-]{1,128}$/;

function telemetrySettings(env: Env): TelemetrySettings {
    const invalid = (name: string, expected: string, got: string) =>
        new PipelineError('ConfigInvalid', `App setting ${name} must be ${expected}, got "${got.slice(0, 200)}".`);
    const accounts = (env.HUB_TELEMETRY_ACCOUNTS ?? '')
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== '');
    for (const id of accounts) {
        if (!ACCOUNT_ID.test(id)) {
            throw invalid('HUB_TELEMETRY_ACCOUNTS', 'comma-separated Cognitive Services account resource ids', id);
        }
    }
    const appInsightsId = env.HUB_TELEMETRY_APPINSIGHTS_ID?.trim() || undefined;
    if (appInsightsId !== undefined && !INSIGHTS_ID.test(appInsightsId.toLowerCase())) {
        throw invalid('HUB_TELEMETRY_APPINSIGHTS_ID', 'an Application Insights resource id', appInsightsId);
    }
    const dimension = (name: string, fallback: string) => {
        const value = env[name]?.trim() || fallback;
        if (!DIMENSION.test(value)) throw invalid(name, 'a dimension name (letters, digits, spaces, _ - .)', value);
        return value;
    };
    return {
        enabled: onOff(env, 'HUB_TELEMETRY', true),
        accounts,
        ...(appInsightsId ? { appInsightsId } : {}),
        consumerDimension: dimension('HUB_TELEMETRY_CONSUMER_DIMENSION', 'Subscription ID'),
        deploymentDimension: dimension('HUB_TELEMETRY_DEPLOYMENT_DIMENSION', 'Deployment'),
    };
}

function validationSettings(env: Env): ValidationSettings {
    const mode = validationMode(env.HUB_VALIDATION);
    const raw = env.HUB_VALIDATION_STRICT;
    if (raw !== undefined && raw !== '' && raw !== 'true' && raw !== 'false') {
        throw new PipelineError(
            'ConfigInvalid',
            `App setting HUB_VALIDATION_STRICT must be true or false, got "${raw}".`,
        );
    }
    const strict = raw === 'true';
    if (strict && mode === 'off') {
        throw new PipelineError(
            'ConfigInvalid',
            'App setting HUB_VALIDATION_STRICT=true needs HUB_VALIDATION sample or full: strict mode fails runs on what validation finds.',
        );
    }
    const settings = {
        mode,
        modeSet: env.HUB_VALIDATION !== undefined && env.HUB_VALIDATION !== '',
        sampleRows: positiveInt(env, 'HUB_VALIDATION_SAMPLE_ROWS', 20_000),
        strict: false,
    };
    return strict ? strictValidation(settings) : settings;
}

function validationMode(raw: string | undefined): ValidationSettings['mode'] {
    if (raw === undefined || raw === '') return 'sample';
    if (raw === 'off' || raw === 'sample' || raw === 'full') return raw;
    throw new PipelineError('ConfigInvalid', `App setting HUB_VALIDATION must be off, sample or full, got "${raw}".`);
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'on' || raw === 'off') return raw === 'on';
    throw new PipelineError('ConfigInvalid', `App setting ${name} must be on or off, got "${raw}".`);
}

function positiveNumber(env: Env, name: string, fallback: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0)) {
        throw new PipelineError(
            'ConfigInvalid',
            `App setting ${name} must be a number > 0 such as 6 or 5.5, got "${raw}".`,
        );
    }
    return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
        throw new PipelineError('ConfigInvalid', `App setting ${name} must be a whole number ≥ 1, got "${raw}".`);
    }
    return value;
}

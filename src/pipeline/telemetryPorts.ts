/** A Cognitive Services / AI Services account as ARM lists it. */
export interface AzureAccount {
    /** Resource id as ARM spells it. */
    id: string;
    location: string;
    kind: string;
}

/** One `metrics:getBatch` call: up to 50 accounts of one subscription and region. */
export interface MetricsQuery {
    region: string;
    resourceIds: readonly string[];
    metrics: readonly string[];
    aggregation: string;
    filter: string;
    top: number;
    start: Date;
    end: Date;
}

/**
 * Where telemetry comes from: ARM, Azure Monitor metrics and Application Insights, each answer returned as the exact
 * response body text, to be landed unchanged. Implementations fail with coded errors: `TelemetryThrottled`
 * (throttled beyond the retries, transient), `TelemetryForbidden` (the identity lacks a role), `TelemetryErrorBody`
 * (any other error response), naming what was asked.
 */
export interface TelemetrySource {
    /** The subscription's Cognitive Services accounts (every page). */
    listAccounts(subscriptionId: string): Promise<AzureAccount[]>;
    /** Every page of an account's deployment list, each as the body ARM returned. */
    deploymentPages(accountId: string): Promise<string[]>;
    /** One metrics batch body; `MetricNotFound` errors tell the caller to ask metric by metric. */
    metricsBatch(query: MetricsQuery): Promise<string>;
    /** The body of a Logs query run against an Application Insights resource. */
    logsQuery(resourceId: string, query: string, start: Date, end: Date): Promise<string>;
}

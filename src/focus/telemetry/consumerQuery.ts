import { InputError } from '../../errors';

/** Names of dimensions the consumer query reads: letters, digits, spaces, `_`, `-`, `.` (no quotes, no KQL). */
const DIMENSION = /^[A-Za-z0-9 _.-]{1,128}$/;

/** A dimension name as a KQL string literal, after checking it holds nothing but a name. */
function kqlString(name: string, setting: string): string {
    if (!DIMENSION.test(name)) {
        throw new InputError(
            'ConfigInvalid',
            `${setting} must be a dimension name of letters, digits, spaces, _ - or . (at most 128), got "${name.slice(0, 140)}".`,
        );
    }
    return `'${name}'`;
}

/**
 * The Logs query over the token metrics that API Management's `llm-emit-token-metric` / `azure-openai-emit-token-metric`
 * policies write to Application Insights (customMetrics "Prompt Tokens", "Completion Tokens", "Total Tokens"): tokens
 * per hour, metric, consumer (the value of `consumerDimension`) and deployment (the value of `deploymentDimension`, a
 * custom dimension the policy must emit for tokens to be matched to a deployment). The period is the query's timespan.
 */
export function consumerQuery(consumerDimension: string, deploymentDimension: string): string {
    const consumer = kqlString(consumerDimension, 'The consumer dimension');
    const deployment = kqlString(deploymentDimension, 'The deployment dimension');
    return [
        'customMetrics',
        "| where name in ('Prompt Tokens', 'Completion Tokens', 'Total Tokens')",
        '| extend dims = parse_json(customDimensions)',
        `| extend consumer = tostring(dims[${consumer}]), deployment = tostring(dims[${deployment}])`,
        '| summarize value = sum(valueSum) by timestamp = bin(timestamp, 1h), name, consumer, deployment',
        `| extend dimension = ${consumer}`,
        '| project timestamp, name, dimension, consumer, deployment, value',
        '| order by timestamp asc, name asc, consumer asc, deployment asc',
    ].join('\n');
}

/**
 * The bundled sample's shared AI account, October 2026: a gateway account with two provisioned deployments and a
 * standard one, fronted by API Management for three teams. Every figure the sample's bill and telemetry show comes
 * from here, hour by hour, so the two agree as Azure's would.
 */
export const CAPACITY_MONTH = '2026-10';
export const SUBSCRIPTION_ID = '3b9e4c1d-7a2f-4e8b-9c6d-1f0a2b3c4d5e';
export const SUBSCRIPTION_NAME = 'Contoso AI Platform';
export const RESOURCE_GROUP = 'rg-ai-gateway';
export const ACCOUNT = 'aoai-gateway';
export const ACCOUNT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CognitiveServices/accounts/${ACCOUNT}`;
export const MODEL = { name: 'gpt-4o', version: '2024-11-20', format: 'OpenAI' } as const;

/** Global provisioned, 50 PTUs, covered by a 60-PTU monthly reservation; spills over to the standard deployment. */
export const GLOBAL_PTU = 'chat-global-ptu';
/** Data Zone provisioned, pay-as-you-go per PTU-hour: 100 PTUs, resized to 50 at noon on the 16th. Mostly idle. */
export const DATA_ZONE_PTU = 'chat-dz-ptu';
/** Global standard: takes the global deployment's spillover and some direct traffic. */
export const STANDARD = 'chat-global-std';

export const RESERVATION = {
    id: '/providers/Microsoft.Capacity/reservationOrders/5d1c9a7e-2b3f-4c8d-9e0a-6f7b8c9d0e1f/reservations/8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d',
    name: 'AOAI_PTU_Global_60',
    ptus: 60,
    /** Amortized rate per PTU-hour (USD). */
    hourlyRate: '0.36',
};
/** Pay-as-you-go rate per Data Zone PTU-hour (USD), the retail snapshot's. */
export const DATA_ZONE_RATE = '1.1';
export const GLOBAL_PTUS = 50;
/** PTUs of the Data Zone deployment in an hour counted from 2026-10-01T00:00Z. */
export const dataZonePtus = (hour: number): number => (hour < 15 * 24 + 12 ? 100 : 50);

/** Teams calling through API Management, and their share of each deployment's tokens (the rest is direct traffic). */
export const CONSUMERS: Record<string, Record<string, number>> = {
    [GLOBAL_PTU]: { search: 0.45, support: 0.3, marketing: 0.15 },
    [STANDARD]: { search: 0.45, support: 0.3, marketing: 0.15 },
    [DATA_ZONE_PTU]: { support: 0.6, marketing: 0.25 },
};

/** Tokens a deployment processed in one hour, its requests, and its utilization (provisioned only). */
export interface HourUsage {
    input: number;
    cached: number;
    output: number;
    requests: number;
    spilloverRequests: number;
    utilization?: number;
}

// Demand on the global deployment, % of its 50 PTUs, by UTC hour: weekdays peak above capacity at midday.
const WEEKDAY = [35, 30, 28, 27, 28, 32, 45, 60, 75, 88, 98, 106, 112, 115, 110, 104, 96, 85, 72, 62, 55, 48, 42, 38];
const WEEKEND = [25, 22, 20, 20, 20, 22, 25, 30, 35, 40, 42, 44, 45, 44, 43, 42, 40, 38, 36, 34, 32, 30, 28, 26];
/** Input and output tokens per hour per % of utilization of the global deployment; cached share of input. */
const INPUT_PER_PERCENT = 75_000;
const OUTPUT_PER_PERCENT = 26_250;
const CACHED_SHARE = 0.15;
/** Data Zone: PTUs busy on weekday office hours, and otherwise; tokens per busy PTU-hour. */
const DATA_ZONE_BUSY = { office: 20, other: 3, input: 150_000, output: 52_500 };

const requestsOf = (tokens: number) => Math.round(tokens / 2_500);

/** The hour's usage of every deployment; `hour` counts from 2026-10-01T00:00Z. */
export function hourUsage(hour: number): Record<string, HourUsage> {
    const day = Math.floor(hour / 24) + 1;
    const clock = hour % 24;
    const weekend = [3, 4].includes((day - 1) % 7); // 2026-10-01 is a Thursday
    const demand = (weekend ? WEEKEND : WEEKDAY)[clock] ?? 0;
    const jitter = ((day * 7 + clock * 3) % 5) - 2;
    const wanted = Math.max(0, demand + jitter);
    const served = Math.min(wanted, 100);
    const spilled = wanted - served;
    const input = served * INPUT_PER_PERCENT;
    const output = served * OUTPUT_PER_PERCENT;
    const spillInput = spilled * INPUT_PER_PERCENT;
    const spillOutput = spilled * OUTPUT_PER_PERCENT;
    const direct = weekend || clock < 8 || clock > 19 ? 50_000 : 200_000;
    const busy = !weekend && clock >= 9 && clock < 17 ? DATA_ZONE_BUSY.office : DATA_ZONE_BUSY.other;
    const dzInput = busy * DATA_ZONE_BUSY.input;
    const dzOutput = busy * DATA_ZONE_BUSY.output;
    return {
        [GLOBAL_PTU]: {
            input,
            cached: Math.round(input * CACHED_SHARE),
            output,
            requests: requestsOf(input + output),
            spilloverRequests: 0,
            utilization: served,
        },
        [DATA_ZONE_PTU]: {
            input: dzInput,
            cached: Math.round(dzInput * CACHED_SHARE),
            output: dzOutput,
            requests: requestsOf(dzInput + dzOutput),
            spilloverRequests: 0,
            utilization: Math.round((busy / dataZonePtus(hour)) * 10_000) / 100,
        },
        [STANDARD]: {
            input: spillInput + direct,
            cached: 0,
            output: spillOutput + direct / 4,
            requests: requestsOf(spillInput + spillOutput) + requestsOf(direct * 1.25),
            spilloverRequests: requestsOf(spillInput + spillOutput),
        },
    };
}

/** Hours of the month, and of a day (1-based). */
export const MONTH_HOURS = 31 * 24;
export const hoursOfDay = (day: number): number[] => Array.from({ length: 24 }, (_, i) => (day - 1) * 24 + i);

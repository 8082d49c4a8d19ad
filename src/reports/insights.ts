import { anomaliesInsight } from './anomalies/anomaliesInsight';
import { forecastsInsight } from './forecasts/forecastsInsight';
import type { Insight } from './insight';

/**
 * Every insight the hub computes, one line each, in the order they are published (the first dataset names their
 * lease): the pipeline's refresh, `finops-hub views` and the CLI loop over this list.
 */
export const INSIGHTS: readonly Insight<unknown>[] = [anomaliesInsight, forecastsInsight];

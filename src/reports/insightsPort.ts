import type { InsightsPort } from '../pipeline/insightsPort';
import { computeInsights } from './computeInsights';
import type { InsightSettings } from './insight';
import { INSIGHTS } from './insights';

/** The insights of the registry as the pipeline receives them (through PipelineDeps, built by the entry points). */
export function createInsights(settings: InsightSettings): InsightsPort {
    return {
        datasets: INSIGHTS.map((insight) => insight.dataset.name),
        compute: (request) => computeInsights(request, settings),
    };
}

import { DEFAULT_ANOMALY_THRESHOLD } from '../../src/config';
import { createInsights } from '../../src/reports/insightsPort';

/** The insights the entry points build with default settings (HUB_INSIGHTS on), for tests that publish with them. */
export const HUB_INSIGHTS = createInsights({ anomalyThreshold: DEFAULT_ANOMALY_THRESHOLD });

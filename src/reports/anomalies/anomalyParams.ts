import { DEFAULT_ANOMALY_THRESHOLD } from '../../config';

/** Parameters of the anomaly detector; docs/insights.md "Anomalies" gives the reasons for each value. */
export interface AnomalyParams {
    /** Days of history a baseline looks back over: 8 weeks, each weekday seen 8 times. */
    windowDays: number;
    /** Days with a value needed in the window before a day is judged. */
    minHistoryDays: number;
    /** The level is the median of the last this many (weekday-adjusted) values on the weekdays the series works. */
    levelDays: number;
    /** The density and erratic checks look at the last this many days. */
    recentDays: number;
    /** A history day's residual is taken from the median of this many days on each side of it. */
    neighbourDays: number;
    /**
     * A day is flagged when its score (distance from the baseline in units of the series' own noise) reaches this:
     * the setting `HUB_ANOMALY_THRESHOLD`.
     */
    threshold: number;
    /**
     * The finest series (model × direction × deployment × tags) are judged too, at the threshold plus this: a change of
     * one team's use of one model may hide in every sum's noise, and there are many more finest series than sums.
     */
    finestMargin: number;
    /**
     * After a level shift, the noise of the days since counts on its own (when wider) once this many of them have a
     * residual: from 10–19 days the wider of the two estimates ran 1.18 × the true noise (median) against 1.02.
     */
    shiftNoiseDays: number;
    /** The scale is at least this quantile of the residuals ÷ the same quantile of |N(0, 1)| (heavy tails). */
    tailQuantile: number;
    /** Floor of the scale, in natural-log units: no change below threshold × minScale is ever flagged. */
    minScale: number;
    /** Share of the window's days of the judged day's weekday that must have a positive value. */
    minDensity: number;
    /**
     * A finest series that starts or stops changes the make-up of the series holding it when its typical day holds at
     * least this share of their cost: residuals are not compared across that day (compositionBreaks). A smaller one
     * moves the sum by less than its noise, and splitting the window for it would only leave fewer residuals.
     */
    compositionShare: number;
    /** A series whose scale exceeds this (a typical day off its neighbours by more than ×2) is erratic: not judged. */
    maxScale: number;
    /** A series where more than this share of recent days break the band is erratic (bursty) and not judged. */
    maxBreakShare: number;
    /**
     * An anomaly must move cost by at least this share of the typical daily AI cost (median of the overall series over
     * the `recentDays` before it, same currency): |actual − expected| for cost, that day's token cost × |1 − expected
     * ÷ actual| for cost per 1M tokens. Keeps statistically clear but immaterial wobbles of tiny series out.
     */
    minImpactShare: number;
    /** Offset added before taking logarithms, as a share of the recent median positive value: a zero is a drop. */
    offsetShare: number;
    /** A day continues a change while it stays, the same way, at least threshold × this from the baseline before it. */
    continueShare: number;
    /**
     * A change the other way starting up to this many days after a spike or drop ended, in a series holding its cause or
     * held by it, is its return (changeReturn): from a Friday's end to the Monday after.
     */
    returnDays: number;
    /** A change lasting this many judged days is a level shift: its first day is the anomaly, then the baseline moves. */
    shiftDays: number;
    /** A root cause is added while it lowers the weighted misfit of the cells' deviations by this (a chi-square). */
    rootCauseGain: number;
    /**
     * An incident's root causes must have moved by this many times their own noise (summed over its days): the same bar
     * as a flagged day's, their noise being calibrated to its tails as the detector's scale is.
     */
    minCauseScore: number;
    /** At most this many root causes per incident. */
    maxRootCauses: number;
    /**
     * A drop in cost that starts on one of this many newest charge days is held back until the data settles: those
     * days' charges are usually still arriving (Cost Management data can lag by up to 72 hours).
     */
    settlingDays: number;
}

export const ANOMALY_PARAMS: Readonly<AnomalyParams> = Object.freeze({
    windowDays: 56,
    minHistoryDays: 28,
    levelDays: 7,
    recentDays: 28,
    neighbourDays: 3,
    threshold: DEFAULT_ANOMALY_THRESHOLD,
    finestMargin: 2,
    shiftNoiseDays: 20,
    tailQuantile: 0.9,
    minScale: 0.02,
    minDensity: 0.75,
    compositionShare: 0.1,
    maxScale: 0.7,
    maxBreakShare: 0.15,
    minImpactShare: 0.01,
    offsetShare: 0.01,
    continueShare: 0.5,
    shiftDays: 4,
    returnDays: 3,
    rootCauseGain: 9,
    minCauseScore: 6,
    maxRootCauses: 10,
    settlingDays: 2,
});

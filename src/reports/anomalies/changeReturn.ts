import { daysBetween } from './daysBetween';
import type { Incident } from './incident';
import { nestedSeries } from './inSeries';

/**
 * Whether an incident is the return of a spike or drop that ended up to `days` days before it started (a weekend's two
 * idle days between): a change the other way, in a series holding its top root cause or held by it. A sum that did not
 * flag the spike took its days into its level, and reads the days after it, back to normal, as a drop.
 */
export function returnsFrom(incident: Incident, incidents: Incident[], days: number): boolean {
    const cause = incident.rootCauses[0]?.dimensions ?? {};
    return incidents.some((change) => {
        if (change.kind === 'levelShift' || change.end === null) return false;
        const after = daysBetween(change.end, incident.start);
        return (
            after > 0 &&
            after <= days &&
            Math.sign(Number(change.impact)) === -Math.sign(Number(incident.impact)) &&
            nestedSeries(change.rootCauses[0]?.dimensions ?? {}, cause)
        );
    });
}

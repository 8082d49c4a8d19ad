import { daysBetween } from './daysBetween';
import type { Incident } from './incident';
import { nestedSeries } from './inSeries';

/**
 * Whether an incident echoes a level shift that began up to `days` days before it (or on its day, when it is no level
 * shift itself), the same way, in a series holding its top root cause or held by it: the days after a lasting change
 * still read against the level before it, in the coarser series that did not flag the change and in the cells' own
 * expectations, until a level's worth of days has passed.
 */
export function echoesLevelShift(incident: Incident, incidents: Incident[], days: number): boolean {
    const cause = incident.rootCauses[0]?.dimensions ?? {};
    return incidents.some((shift) => {
        const after = daysBetween(shift.start, incident.start);
        return (
            shift.kind === 'levelShift' &&
            (after > 0 || (after === 0 && incident.kind !== 'levelShift')) &&
            after <= days &&
            Math.sign(Number(shift.impact)) === Math.sign(Number(incident.impact)) &&
            nestedSeries(shift.rootCauses[0]?.dimensions ?? {}, cause)
        );
    });
}

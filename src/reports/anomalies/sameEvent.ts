import type { Incident } from './incident';
import { nestedSeries } from './inSeries';
import type { SeriesFlag } from './seriesFlags';

/** A group of flags and the incident it comes out as. */
export interface EventFlags {
    incident: Incident;
    flags: SeriesFlag[];
}

/**
 * Whether two groups of flags are one event: their incidents come out the same way, of the same metric, on the same or
 * neighbouring days, with top causes one of which holds the other (a model's input and output moving apart from
 * each other's cells; a series flagged beside the one whose change it is, whose cause is sought among the same cells).
 */
export function sameEvent(a: EventFlags, b: EventFlags): boolean {
    const span = (flags: SeriesFlag[]) => ({
        first: Math.min(...flags.map((f) => f.start)),
        last: Math.max(...flags.map((f) => f.index)),
    });
    const [x, y] = [span(a.flags), span(b.flags)];
    return (
        a.incident.metric === b.incident.metric &&
        Math.sign(Number(a.incident.impact)) === Math.sign(Number(b.incident.impact)) &&
        y.first <= x.last + 1 &&
        x.first <= y.last + 1 &&
        nestedSeries(a.incident.rootCauses[0]?.dimensions ?? {}, b.incident.rootCauses[0]?.dimensions ?? {})
    );
}

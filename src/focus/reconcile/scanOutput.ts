import { DuckDBConnection, quotedIdentifier, quotedString } from '@duckdb/node-api';

import { groupKeyNames, groupKeys, keysOf, textOf } from './groupKeys';
import type { OutputGroup, ReconcileSpec, RunPeriod } from './reconcileSpec';

/**
 * Sums rows the hub wrote (`relation`: `read_parquet(…)` or a parenthesised query) per group of the spec, in one scan
 * of the columns it needs: rows and reconciled columns, rows and amounts each rule moved (rows flagged with its code,
 * and those of them whose column is not 0), and, given the run's period, the rows dated outside it (corrections
 * before it apart).
 */
export async function scanOutput(
    connection: DuckDBConnection,
    relation: string,
    spec: ReconcileSpec,
    period?: RunPeriod,
): Promise<OutputGroup[]> {
    const flagged = (code: string) => `hub_codes like ${quotedString(`%,${code},%`)}`;
    const terms = [
        'count(*)::bigint',
        ...spec.columns.map((c) => `coalesce(sum(${quotedIdentifier(c)}), 0)::varchar`),
        ...spec.rules.flatMap(({ code, column, from }) => [
            `count(*) filter (where ${flagged(code)})::bigint`,
            `coalesce(sum(${quotedIdentifier(from)} - ${quotedIdentifier(column)}) filter (where ${flagged(code)}), 0)::varchar`,
            `count(*) filter (where ${flagged(code)} and coalesce(${quotedIdentifier(column)}, 0) <> 0)::bigint`,
        ]),
        ...periodTerms(spec, period),
    ];
    const codes = spec.rules.length > 0 ? [`',' || coalesce(x_SourceChanges, '') || ',' as hub_codes`] : [];
    const reader = await connection.runAndReadAll(
        `select ${[...groupKeyNames(spec), ...terms].join(', ')}
         from (select *, ${[...groupKeys(spec), ...codes, ...dayOf(spec)].join(', ')} from ${relation})
         group by all`,
    );
    const width = groupKeyNames(spec).length;
    const dated = spec.chargeDate !== undefined && period !== undefined;
    return reader.getRows().map((row) => {
        const at = (i: number) => row[width + i];
        const sums = Object.fromEntries(spec.columns.map((c, i) => [c, String(at(1 + i))]));
        const ruleAt = 1 + spec.columns.length;
        const moved: OutputGroup['moved'] = {};
        spec.rules.forEach(({ code, column }, i) => {
            const entry = (moved[code] ??= { rows: 0, sums: {}, notZeroed: 0 });
            entry.rows = Math.max(entry.rows, Number(at(ruleAt + 3 * i)));
            entry.sums[column] = String(at(ruleAt + 3 * i + 1));
            entry.notZeroed += Number(at(ruleAt + 3 * i + 2));
        });
        const periodAt = ruleAt + 3 * spec.rules.length;
        return {
            ...keysOf(row, spec),
            rows: Number(at(0)),
            sums,
            moved,
            outside: dated
                ? { rows: Number(at(periodAt)), first: textOf(at(periodAt + 1)), last: textOf(at(periodAt + 2)) }
                : { rows: 0, first: null, last: null },
            correctionsBefore: dated ? Number(at(periodAt + 3)) : 0,
        };
    });
}

/** The charge day of each row, in UTC. */
function dayOf(spec: ReconcileSpec): string[] {
    return spec.chargeDate ? [`timezone('UTC', ${quotedIdentifier(spec.chargeDate.column)})::date as hub_day`] : [];
}

/** Rows outside the period that are not corrections (count, first and last day), then corrections before it. */
function periodTerms(spec: ReconcileSpec, period: RunPeriod | undefined): string[] {
    if (!spec.chargeDate || !period) return [];
    const start = `${quotedString(period.start)}::date`;
    const end = `${quotedString(period.end)}::date`;
    const correction = spec.chargeDate.corrections
        ? `coalesce(${quotedIdentifier(spec.chargeDate.corrections)} = 'Correction', false)`
        : 'false';
    const misplaced = `(hub_day > ${end} or (hub_day < ${start} and not ${correction}))`;
    return [
        `count(*) filter (where ${misplaced})::bigint`,
        `min(hub_day) filter (where ${misplaced})::varchar`,
        `max(hub_day) filter (where ${misplaced})::varchar`,
        `count(*) filter (where hub_day < ${start} and ${correction})::bigint`,
    ];
}

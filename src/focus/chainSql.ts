/**
 * One query from a chain of steps, each a `.sql` file reading the relation the step before it names: the steps become
 * CTEs (never materialized, so rows stream through as they do through views) and the last one is selected. DuckDB
 * then binds the whole chain once, where a view per step would bind everything beneath it again at every step.
 */
export function chainSql(steps: readonly (readonly [name: string, sql: string])[]): string {
    const last = steps[steps.length - 1];
    if (!last) throw new Error('chainSql needs at least one step');
    const ctes = steps.map(([name, sql]) => `${name} as not materialized (\n${sql.trim().replace(/;$/, '')}\n)`);
    return `with ${ctes.join(',\n')}\nselect * from ${last[0]}`;
}

import { DuckDBConnection, quotedString, VARCHAR } from '@duckdb/node-api';

import { chainSql } from '../chainSql';
import { loadSql } from '../loadAsset';
import { prepareFocus } from '../prepareFocus';
import { ledgerSelect } from '../reconcile/ledgerSelect';
import { reconcilePart } from '../reconcile/reconcilePart';
import type { Group, ReconcileSpec } from '../reconcile/reconcileSpec';
import { scanInput } from '../reconcile/scanInput';
import type { Totals } from '../totals';
import { sourceTypes } from './columnMap';
import { exportChannel } from './exportChannel';
import { loadExportMap } from './exportMap';
import type { PartInput } from './hubDataset';
import { explainFailure, partColumns, partReader } from './partReader';
import { stagingSelect } from './stagingSelect';

/** A dataset converted by staging its export map and then running its `sql/` steps. */
export interface ExportTransform {
    /** The dataset's folder, holding `data/` and `sql/`. */
    baseDir: string;
    /** Its export map, under `data/`. */
    mapFile: string;
    /** Name of the staged relation the first step reads (`stg_<dataset>`). */
    staged: string;
    /** `sql/` steps in order, each reading the relation the one before it names; the last is the output. */
    steps: readonly string[];
    /** How a part reconciles with its input; `columns` are the dataset's totals (docs/reconciliation.md). */
    reconcile: ReconcileSpec;
    /**
     * The `sql/` step (reading the staged relation) giving each input row's currency, categories and reconciled columns
     * under the output's names, when the staged relation does not already, and the ledger's columns as they are
     * (`columns('^hub_ledger_')`) when `reconcile` has a ledger.
     */
    input?: string;
}

/**
 * Converts one export part into the dataset's Parquet (zstd) at `outputPath`, inside DuckDB: checks the part against
 * the hub schema of its version and channel, sums its input (one scan of the columns reconciled, and of their
 * ledger), stages the mapped columns, runs the steps, and reconciles the file with the input; returns the totals. The
 * steps can read the part's channel (`EA`, `MCA`, `any`), dataVersion and run scope with `getvariable('hub_channel')`,
 * `'hub_data_version'`, `'hub_scope'`.
 */
export async function transformExport(
    connection: DuckDBConnection,
    input: PartInput,
    outputPath: string,
    transform: ExportTransform,
): Promise<Totals> {
    await prepareFocus(connection);
    const map = loadExportMap(transform.mapFile, transform.baseDir);
    const columns = await partColumns(connection, input);
    const channel = exportChannel(map, columns, input.dataVersion, input.name, transform.baseDir);
    const source = partReader(input, columns);
    const mapped = stagingSelect(map.staged, columns, map.dateFormats);
    const staged: readonly [string, string] = [transform.staged, `select ${mapped} from ${source}`];
    const ledger = ledgerSelect(transform.reconcile, columns, input.name);
    const scanned: readonly [string, string] = [
        transform.staged,
        `select ${[mapped, ...ledger].join(', ')} from ${source}`,
    ];
    const step = (name: string) => [name, loadSql(name, transform.baseDir)] as const;
    const figures = transform.input ? chainSql([scanned, step(transform.input)]) : scanned[1];
    const query = chainSql([staged, ...transform.steps.map(step)]);
    const variables = { hub_channel: channel, hub_data_version: input.dataVersion, hub_scope: input.scope ?? null };
    for (const [name, value] of Object.entries(variables)) {
        await connection.run(`set variable ${name} = $value`, { value }, { value: VARCHAR });
    }
    let groups: Group[];
    try {
        groups = await scanInput(connection, figures, transform.reconcile);
        await connection.run(`copy (${query}) to ${quotedString(outputPath)} (format parquet, compression zstd)`);
    } catch (error) {
        const types = sourceTypes(map.staged, map.dateFormats);
        throw await explainFailure(connection, error, source, columns, types, input.name);
    }
    return reconcilePart(connection, input, transform.reconcile, groups, outputPath);
}

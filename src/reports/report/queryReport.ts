import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

import { loadSql } from '../../focus/loadAsset';
import { tokenRowsSql } from '../tokens/tokenRowsSql';
import { AllocationRow, MatrixRow, ReportData } from './reportData';

type Row = Record<string, string | number | null>;

/** Models drawn on their own in the daily spend chart; the rest are summed as 'Other models'. */
const TOP_MODELS = 7;

/**
 * Runs the report's queries on view `ai_unit_economics` (the month and its history): the figures of ReportData that
 * come from DuckDB.
 */
export async function queryReport(
    connection: DuckDBConnection,
    range: { month: string; currency: string; from: string; through: string },
): Promise<Pick<ReportData, 'aiRows' | 'headline' | 'tokenMatrix' | 'skuMatrix' | 'dailyByModel' | 'allocation'>> {
    const { month, currency } = range;
    const read = async (name: string, values: Record<string, DuckDBValue>) =>
        (await connection.runAndReadAll(loadSql(name, __dirname), values)).getRowObjectsJson() as Row[];
    await connection.run(`create or replace temp table report_token_rows as ${tokenRowsSql()}`, { month });
    const [headline] = await read('report_headline', { month, currency });
    const daily = await read('report_daily_by_model', { ...range, top: TOP_MODELS });
    const models = [...new Set(daily.map((row) => String(row.model)))];
    return {
        aiRows: Number(headline?.ai_rows ?? 0),
        headline: {
            effectiveCost: text(headline?.effective_cost) ?? '0',
            tokens: text(headline?.tokens) ?? '0',
            costPerMillion: text(headline?.cost_per_million),
            asOf: text(headline?.as_of),
        },
        tokenMatrix: (await read('report_token_matrix', { currency })).map((row) =>
            matrixRow(row, 'model', 'direction'),
        ),
        skuMatrix: (await read('report_sku_matrix', { month, currency })).map((row) =>
            matrixRow(row, 'category', 'subcategory'),
        ),
        dailyByModel: models.map((model) => {
            const rows = daily.filter((row) => row.model === model);
            return {
                model,
                dates: rows.map((r) => String(r.charge_date)),
                effectiveCost: rows.map((r) => String(r.effective_cost)),
            };
        }),
        allocation: (await read('report_allocation', { month, currency })).map(
            (row): AllocationRow => ({
                column: row.tag_column as AllocationRow['column'],
                value: text(row.tag_value),
                effectiveCost: String(row.effective_cost),
                share: text(row.share),
            }),
        ),
    };
}

function matrixRow(row: Row, group: string, item: string): MatrixRow {
    return {
        level: Number(row.level),
        group: text(row[group]),
        item: text(row[item]),
        tokens: String(row.tokens),
        effectiveCost: String(row.effective_cost),
        costPerMillion: text(row.cost_per_million),
        share: text(row.share),
    };
}

function text(value: string | number | null | undefined): string | null {
    return value === null || value === undefined ? null : String(value);
}

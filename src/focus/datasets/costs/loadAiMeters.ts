import { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

import { AI_METER_COLUMNS, type AiMeterAttributes, type AiMeterColumn } from '../../ai/aiMeterAttributes';
import { type ClassifiedMeter, classifyMeters, type MeterKey } from '../../ai/classifyMeters';

/** Meter key columns of `hub_ai_meters`: Costs columns, as the staged part names them. */
export const AI_METER_KEYS = ['x_SkuMeterId', 'SkuMeter', 'x_SkuMeterSubcategory', 'x_SkuMeterCategory'] as const;

/** DuckDB types of the AI columns that are not text. */
const SQL_TYPES: Partial<Record<AiMeterColumn, string>> = { x_IsTokenMeter: 'boolean', x_TokenBlockSize: 'integer' };

/**
 * Classifies the distinct meters `distinctMeters` returns (a query selecting the AI_METER_KEYS columns, in order) and
 * loads the AI model meters among them into temp table `hub_ai_meters` (meter key columns, then the AI attributes).
 * Returns the number of AI meters loaded.
 */
export async function loadAiMeters(connection: DuckDBConnection, distinctMeters: string): Promise<number> {
    const reader = await connection.runAndReadAll(distinctMeters);
    const meters: MeterKey[] = reader.getRows().map(([meterId, meterName, meterSubcategory, meterCategory]) => ({
        meterId: text(meterId),
        meterName: text(meterName),
        meterSubcategory: text(meterSubcategory),
        meterCategory: text(meterCategory),
    }));
    const aiMeters = classifyMeters(meters).filter((meter) => meter.source !== 'unknown');
    const columns = [
        ...AI_METER_KEYS.map((c) => `${c} varchar`),
        ...AI_METER_COLUMNS.map((c) => `${c} ${SQL_TYPES[c] ?? 'varchar'}`),
    ];
    await connection.run(`create or replace temp table hub_ai_meters (${columns.join(', ')})`);
    const appender = await connection.createAppender('hub_ai_meters');
    try {
        for (const meter of aiMeters) appendMeter(appender, meter);
        appender.flushSync();
    } finally {
        appender.closeSync();
    }
    return aiMeters.length;
}

function appendMeter(appender: DuckDBAppender, meter: ClassifiedMeter): void {
    for (const key of [meter.meterId, meter.meterName, meter.meterSubcategory, meter.meterCategory]) {
        appendText(appender, key);
    }
    for (const column of AI_METER_COLUMNS) {
        const value: AiMeterAttributes[typeof column] = meter[column];
        if (value === null) appender.appendNull();
        else if (typeof value === 'boolean') appender.appendBoolean(value);
        else if (typeof value === 'number') appender.appendInteger(value);
        else appender.appendVarchar(value);
    }
    appender.endRow();
}

function appendText(appender: DuckDBAppender, value: string | null): void {
    if (value === null) appender.appendNull();
    else appender.appendVarchar(value);
}

function text(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

/** Decimal text for JSON and Parquet: money stays text so no digit is lost on the way. */

/** `value` rounded to at most `places` fraction digits, as decimal text without trailing zeros (`12.5`, `0`). */
export function decimalText(value: number, places: number): string {
    const text = trimDecimal(value.toFixed(places));
    return text === '-0' ? '0' : text;
}

/** Decimal text without trailing fraction zeros (`2001000.000000` → `2001000`, `1.250` → `1.25`). */
export function trimDecimal(text: string): string {
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Exact decimal text (as DuckDB prints a DECIMAL) rounded half away from zero to `places` fraction digits, every one
 * printed (`2.675` → `2.68`): money for a table, never through a binary double.
 */
export function roundDecimalText(text: string, places: number): string {
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!match || !/\d/.test(text)) throw new Error(`Not a decimal: "${text}"`);
    const [, sign, whole = '', fraction = ''] = match;
    const kept = BigInt(`${whole || '0'}${fraction.slice(0, places).padEnd(places, '0')}`);
    const rounded = (fraction[places] ?? '0') >= '5' ? kept + 1n : kept;
    const digits = rounded.toString().padStart(places + 1, '0');
    const value = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
    return rounded === 0n ? value : `${sign}${value}`;
}

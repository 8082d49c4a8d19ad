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

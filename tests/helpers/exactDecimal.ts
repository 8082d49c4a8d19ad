/** Exact DECIMAL(38,18) arithmetic with BigInt on counts of 10^-18: the oracle for the hub's SQL arithmetic. */
export const SCALE = 10n ** 18n;

export const abs = (n: bigint) => (n < 0n ? -n : n);

/** Decimal text (up to 18 places) as a count of 10^-18. */
export function units(text: string): bigint {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = text.replace(/^[-+]/, '').split('.');
    const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(18, '0').slice(0, 18) || '0');
    return negative ? -value : value;
}

/** A count of 10^-18 as DuckDB prints a DECIMAL(38,18). */
export function decimalText(value: bigint): string {
    const sign = value < 0n ? '-' : '';
    return `${sign}${abs(value) / SCALE}.${(abs(value) % SCALE).toString().padStart(18, '0')}`;
}

/** n ÷ d rounded half to even, or half away from zero. */
export function divideRounded(n: bigint, d: bigint, mode: 'even' | 'away'): bigint {
    const sign = n < 0n !== d < 0n ? -1n : 1n;
    let q = abs(n) / abs(d);
    const twice = (abs(n) % abs(d)) * 2n;
    if (twice > abs(d) || (twice === abs(d) && (mode === 'away' || q % 2n === 1n))) q += 1n;
    return sign * q;
}

/** a × b at 18 places, half away from zero (hub_multiply). */
export const exactProduct = (a: string, b: string) => decimalText(divideRounded(units(a) * units(b), SCALE, 'away'));

/** a ÷ b at 18 places, half to even (hub_divide). */
export const exactQuotient = (a: string, b: string) => decimalText(divideRounded(units(a) * SCALE, units(b), 'even'));

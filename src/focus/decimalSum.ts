const SCALE = 18;

/** Exact sum of decimal strings (as DuckDB prints DECIMAL(38,18)), in the same form. */
export function decimalSum(values: readonly string[]): string {
    return decimalOfUnits(values.reduce((sum, value) => sum + toScaled(value), 0n));
}

/** A count of 10^-18 (an integer, or its text as DuckDB prints a HUGEINT) as an exact decimal string. */
export function decimalOfUnits(units: bigint | string): string {
    const total = BigInt(units);
    const sign = total < 0n ? '-' : '';
    const digits = (total < 0n ? -total : total).toString().padStart(SCALE + 1, '0');
    const fraction = digits.slice(-SCALE).replace(/0+$/, '');
    return `${sign}${digits.slice(0, -SCALE)}${fraction ? `.${fraction}` : ''}`;
}

/** Exact a − b of two decimal strings, in the same form. */
export function decimalDifference(a: string, b: string): string {
    const negated = b.trim().startsWith('-') ? b.trim().slice(1) : `-${b.trim()}`;
    return decimalSum([a, negated]);
}

function toScaled(value: string): bigint {
    const match = /^(-?)(\d+)(?:\.(\d{0,18}))?$/.exec(value.trim());
    if (!match) throw new Error(`Not a decimal with at most ${SCALE} fraction digits: "${value}"`);
    const [, sign, whole, fraction = ''] = match;
    const scaled = BigInt(`${whole}${fraction.padEnd(SCALE, '0')}`);
    return sign === '-' ? -scaled : scaled;
}

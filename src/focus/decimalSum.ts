const SCALE = 18;

/** Exact sum of decimal strings (as DuckDB prints DECIMAL(38,18)), in the same form. */
export function decimalSum(values: readonly string[]): string {
    const total = values.reduce((sum, value) => sum + toScaled(value), 0n);
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

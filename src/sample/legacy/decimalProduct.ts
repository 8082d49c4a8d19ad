/** Exact product of decimal strings (`0.061644` × `8` → `0.493152`), without trailing zeros. */
export function decimalProduct(...factors: string[]): string {
    let digits = 1n;
    let scale = 0;
    for (const factor of factors) {
        const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(factor);
        if (!match) throw new Error(`Not a decimal: "${factor}"`);
        const [, sign, whole, fraction = ''] = match;
        digits *= BigInt(`${sign}${whole}${fraction}`);
        scale += fraction.length;
    }
    const negative = digits < 0n;
    const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
    const whole = text.slice(0, text.length - scale);
    const fraction = text.slice(text.length - scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

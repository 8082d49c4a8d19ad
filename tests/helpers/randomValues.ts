import { readFileSync, writeFileSync } from 'node:fs';

import { decimalSum } from '../../src/focus/decimalSum';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same values on every run. */
export function seededRandom(seed: number) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (below: number) => Math.floor(next() * below);
    const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
    const digits = (count: number) => Array.from({ length: count }, () => String(int(10))).join('');
    /**
     * An awkward decimal as an export may write it, with its exact value: 0, negatives, up to `integerDigits` integer
     * and 18 fraction digits, trailing zeros, a leading `+`, `.5`, or E-notation (`5.64902E-05`), all exact.
     */
    const decimal = (integerDigits = 9, negative = true): { text: string; value: string } => {
        if (int(12) === 0) return { text: pick(['0', '0.0', '-0', '0E-10']), value: '0' };
        const sign = negative && int(4) === 0 ? '-' : '';
        const whole = digits(int(integerDigits + 1)).replace(/^0+(?=\d)/, '') || '0';
        const fraction = digits(int(19));
        const value = decimalSum([`${sign}${whole}${fraction ? `.${fraction}` : ''}`]);
        const form = int(8);
        if (form === 0 && whole === '0' && fraction !== '') return { text: `${sign}.${fraction}`, value };
        if (form === 1 && !sign) return { text: `+${whole}.${fraction}00`, value };
        if (form === 2) {
            // m × 10^-k with the same digits: exact as long as k keeps at most 18 fraction digits.
            const mantissa = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
            const shift = fraction.length;
            if (mantissa.length > 1 && mantissa.length - 1 - shift >= -8) {
                const exponent = mantissa.length - 1 - shift;
                const text = `${sign}${mantissa[0]}.${mantissa.slice(1)}E${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
                return { text, value };
            }
        }
        return { text: `${sign}${whole}${fraction ? `.${fraction}` : ''}`, value };
    };
    return { next, int, pick, decimal };
}

export type Random = ReturnType<typeof seededRandom>;

/** Rewrites the data rows of a CSV part (BOM, CRLF, no line breaks in fields) with `change`'s cells by column name. */
export function rewriteCsv(
    path: string,
    change: (row: Record<string, string>, index: number) => Record<string, string>,
) {
    const [header = '', ...lines] = readFileSync(path, 'utf8').split('\r\n');
    const names = header.replace(/^\uFEFF/, '').split(',');
    const cells = (line: string) =>
        [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? '').slice(0, names.length);
    const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    const rows = lines
        .filter((line) => line !== '')
        .map((line, index) => {
            const row = Object.fromEntries(cells(line).map((cell, i) => [names[i] ?? '', unquote(cell)]));
            const changed = { ...row, ...change(row, index) };
            return names.map((name) => quote(changed[name] ?? '')).join(',');
        });
    writeFileSync(path, `${[header, ...rows].join('\r\n')}\r\n`);
}

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

function csvField(value: string | undefined): string {
    if (value === undefined || value === '') return '';
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a CSV the way Cost Management does (UTF-8 BOM, CRLF, quoted when needed); absent fields are empty. */
export function writeExportCsv(
    path: string,
    columns: readonly string[],
    rows: readonly Record<string, string>[],
    options: { gzip?: boolean } = {},
): void {
    const lines = [
        columns.map(csvField).join(','),
        ...rows.map((row) => columns.map((c) => csvField(row[c])).join(',')),
    ];
    const text = `\uFEFF${lines.join('\r\n')}\r\n`;
    writeFileSync(path, options.gzip ? gzipSync(text) : text);
}

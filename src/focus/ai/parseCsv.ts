/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF) into records keyed by the header row. Used for
 * the small data files beside the code; a row with a different field count than the header is an error.
 */
export function parseCsv(text: string): Record<string, string>[] {
    const rows = parseRows(text);
    const header = rows.shift();
    if (header === undefined) return [];
    return rows.map((row, index) => {
        if (row.length !== header.length) {
            throw new Error(`CSV row ${index + 2} has ${row.length} fields, the header has ${header.length}`);
        }
        return Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
    });
}

/** Formats one CSV field, quoting it when it holds a comma, quote or line break. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function parseRows(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const endField = (): void => {
        row.push(field);
        field = '';
    };
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (quoted && char === '"' && text[i + 1] === '"') {
            field += '"';
            i++;
        } else if (char === '"') {
            quoted = !quoted;
        } else if (quoted || (char !== ',' && char !== '\n' && char !== '\r')) {
            field += char;
        } else if (char === ',') {
            endField();
        } else {
            if (char === '\r' && text[i + 1] === '\n') i++;
            endField();
            rows.push(row);
            row = [];
        }
    }
    if (field !== '' || row.length > 0) {
        endField();
        rows.push(row);
    }
    return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

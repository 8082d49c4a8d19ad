/** Text safe inside HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

/** A table cell holding a figure: the exact value in `data-value`, the formatted one as text. */
export function figureCell(value: string | null, formatted: string): string {
    const exact = value === null ? '' : ` data-value="${escapeHtml(value)}"`;
    return `<td class="num"${exact}>${escapeHtml(formatted)}</td>`;
}

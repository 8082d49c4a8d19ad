import { TAG_COLUMNS } from '../focus/datasets/costs/tagAliases';

/** `x_TagCostCenter` → `CostCenter`. */
const TAG_NAMES: Record<string, string> = Object.fromEntries(
    TAG_COLUMNS.map((column) => [column, column.slice('x_Tag'.length)]),
);

/** A series' name for people: `All AI`, `gpt-4o · Input · Global`, `CostCenter: untagged`. */
export function seriesLabel(dimensions: Record<string, string | null>): string {
    const parts = Object.entries(dimensions).map(([column, value]) => {
        const tag = TAG_NAMES[column];
        if (tag) return `${tag}: ${value ?? 'untagged'}`;
        return value ?? (column === 'x_TokenDirection' ? 'no direction' : '–');
    });
    return parts.length === 0 ? 'All AI' : parts.join(' · ');
}

/** The name of a tag column for people: `CostCenter`. */
export function tagName(column: string): string {
    return TAG_NAMES[column] ?? column;
}

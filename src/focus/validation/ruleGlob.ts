/**
 * A predicate for rule ids from a glob: `*` any run of characters, `?` one character, several globs separated by
 * commas (`BilledCost-*,Tags-C-001-M`). Matching is case-sensitive, like the ids.
 */
export function ruleGlob(globs: string): (id: string) => boolean {
    const patterns = globs
        .split(',')
        .map((glob) => glob.trim())
        .filter((glob) => glob !== '')
        .map(
            (glob) =>
                new RegExp(
                    `^${glob
                        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                        .replace(/\*/g, '.*')
                        .replace(/\?/g, '.')}$`,
                ),
        );
    return (id) => patterns.some((pattern) => pattern.test(id));
}

/** What a meter-name word says about the model version. */
export type VersionWord = { kind: 'none' } | { kind: 'version'; date: string | null };

/**
 * Reads a version code: a known code from the rules (`0513` → `2024-05-13`, `125` → `2024-01-25`), an `MMDDYYYY`
 * date (`05282026` → `2026-05-28`), or an unmapped four-digit code (a version, date unknown). Other words are not
 * versions, so `002` in `babbage-002` and `120b` stay part of the model name.
 */
export function parseModelVersion(word: string, versionCodes: Readonly<Record<string, string>>): VersionWord {
    const known = versionCodes[word];
    if (known !== undefined) return { kind: 'version', date: known };
    const long = /^(\d{2})(\d{2})(\d{4})$/.exec(word);
    if (long) return { kind: 'version', date: isoDate(long[3], long[1], long[2]) };
    if (/^\d{4}$/.test(word)) return { kind: 'version', date: null };
    return { kind: 'none' };
}

function isoDate(year = '', month = '', day = ''): string | null {
    const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return null;
    const iso = date.toISOString().slice(0, 10);
    return iso === `${year}-${month}-${day}` ? iso : null;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CODES } from '../src/errors';

describe('error codes', () => {
    it('are documented in the docs/error-codes.md table exactly as the code defines them, each with a mitigation', () => {
        const page = readFileSync(join(__dirname, '..', 'docs', 'error-codes.md'), 'utf8');
        const rows = [...page.matchAll(/^\| `(\w+)` +\|([^|]+)\|([^|]+)\|([^|]+)\|$/gm)];
        expect(rows.map((row) => row[1])).toEqual([...ERROR_CODES]);
        for (const row of rows) expect(row[4]?.trim()).not.toBe('');
    });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CODES } from '../src/errors';

describe('error codes', () => {
    it('are documented in the README table exactly as the code defines them, each with a mitigation', () => {
        const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
        const section = readme.slice(
            readme.indexOf('## Error codes'),
            readme.indexOf('\n## ', readme.indexOf('## Error codes') + 1),
        );
        const rows = [...section.matchAll(/^\| `(\w+)` +\|([^|]+)\|([^|]+)\|([^|]+)\|$/gm)];
        expect(rows.map((row) => row[1])).toEqual([...ERROR_CODES]);
        for (const row of rows) expect(row[4]?.trim()).not.toBe('');
    });
});

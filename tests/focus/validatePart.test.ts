import { join } from 'node:path';

import { transformCosts } from '../../src/focus/datasets/costs/transformCosts';
import { validatePart } from '../../src/focus/validatePart';
import { baseRow, writeFocusCsv } from '../helpers/focusCsv';
import { withConnection } from '../helpers/withConnection';

describe('validatePart', () => {
    it('checks a repeatable sample of about sampleRows rows, or every row in full and on small parts', async () => {
        await withConnection(async (connection, dir) => {
            const input = join(dir, 'part.csv');
            const rows = Array.from({ length: 4000 }, (_, i) => ({ ...baseRow, ChargeDescription: `row ${i}` }));
            writeFocusCsv(input, '1.0r2', rows);
            const output = join(dir, 'out.parquet');
            await transformCosts(connection, { path: input, format: 'csv', dataVersion: '1.0r2', name: 'p' }, output);

            const sample = await validatePart(connection, output, 'sample', 1000);
            expect(sample.rowsChecked).toBeGreaterThan(850);
            expect(sample.rowsChecked).toBeLessThan(1150);
            expect(await validatePart(connection, output, 'sample', 1000)).toEqual(sample);
            expect((await validatePart(connection, output, 'sample', 5000)).rowsChecked).toBe(4000);
            const full = await validatePart(connection, output, 'full', 1000);
            expect(full.rowsChecked).toBe(4000);
            expect(full.rules).toBe(sample.rules);
        });
    });
});

import { convert } from '../../../src/focus/datasets/stagingSelect';
import { rowsOf, withConnection } from '../../helpers/withConnection';

describe('convert', () => {
    it('reads a floating-point amount as the decimal its writer meant, so its sum is exact', async () => {
        await withConnection(async (connection) => {
            const cost = convert({ name: 'Cost', type: 'DOUBLE' }, { type: 'decimal', dateFormats: [] });
            const [row] = await rowsOf(
                connection,
                `select sum(${cost})::varchar as total, max(${cost})::varchar as largest
                 from (values (377.19596855::double), (0.1::double), (123456789012.123::double), (-2.5e-12::double)) as t("Cost")`,
            );
            expect(row).toEqual({
                total: '123456789389.418968549997500000',
                largest: '123456789012.123000000000000000',
            });
        });
    });
});

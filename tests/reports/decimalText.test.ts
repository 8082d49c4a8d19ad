import { roundDecimalText } from '../../src/reports/decimalText';

// Money for a table is rounded from its exact decimal text, never through a binary double (where 2.675 is 2.67499…).
describe('roundDecimalText', () => {
    it('rounds money exactly, half away from zero', () => {
        const cases: [string, number, string][] = [
            ['2.675', 2, '2.68'],
            ['1.005', 2, '1.01'],
            ['-2.675', 2, '-2.68'],
            ['-0.004', 2, '0.00'],
            ['12', 2, '12.00'],
            ['0.995', 2, '1.00'],
            ['123456789012345678901.125000000000000000', 2, '123456789012345678901.13'],
            ['3.14159', 4, '3.1416'],
            ['.5', 0, '1'],
        ];
        for (const [value, places, expected] of cases) {
            expect([value, roundDecimalText(value, places)]).toEqual([value, expected]);
        }
        for (const text of ['', '.', '-', 'abc']) expect(() => roundDecimalText(text, 2)).toThrow('Not a decimal');
    });
});

import { prepareFocus } from '../../src/focus/prepareFocus';
import { abs, exactProduct, exactQuotient, SCALE, units } from '../helpers/exactDecimal';
import { rowsOf, withConnection } from '../helpers/withConnection';

const valueList = (pairs: [string, string][]) => pairs.map(([a, b], i) => `(${i}, '${a}', '${b}')`).join(', ');

/** Deterministic decimals with up to 18 places, of every size the hub meets, and some negative. */
function* values(count: number): Generator<string> {
    let seed = 42n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 63n);
    for (let i = 0; i < count; i++) {
        const digits = Number(next() % 30n) + 1;
        const raw = (next() % 10n ** BigInt(digits)).toString();
        const places = Number(next() % 19n);
        const padded = raw.padStart(places + 1, '0');
        const value = places ? `${padded.slice(0, -places)}.${padded.slice(-places)}` : padded;
        yield next() % 5n === 0n ? `-${value}` : value;
    }
}

describe('exact DECIMAL(38,18) arithmetic (hub_multiply, hub_divide)', () => {
    it('multiplies exactly, rounding half away from zero at the 18th decimal, small and large factors alike', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            const pairs: [string, string][] = [
                ['1.5', '3'],
                ['0.000000000000000001', '0.5'],
                ['-0.000000000000000001', '0.5'],
                ['0.34211', '0.000145'],
                ['12345678.123456789012345678', '987654.987654321987654321'],
                ['-250.25', '1000000'],
            ];
            const generated = [...values(400)];
            for (let i = 0; i + 1 < generated.length; i += 2) {
                const [a, b] = [generated[i] ?? '0', generated[i + 1] ?? '0'];
                if (abs(units(a) * units(b)) / SCALE / SCALE < 10n ** 19n) pairs.push([a, b]);
            }
            const rows = await rowsOf(
                connection,
                `select hub_multiply(a::decimal(38, 18), b::decimal(38, 18))::varchar as p
                 from (values ${valueList(pairs)}) as t(i, a, b) order by i`,
            );
            expect(rows.map((row) => row.p)).toEqual(pairs.map(([a, b]) => exactProduct(a, b)));
        });
    });

    it('divides exactly, rounding half to even at the 18th decimal, for every rate size', async () => {
        await withConnection(async (connection) => {
            await prepareFocus(connection);
            const pairs: [string, string][] = [
                ['1', '3'],
                ['-2', '3'],
                ['100', '0.928483728374637284'],
                ['0.000000000000000001', '2'],
                ['0.000000000000000003', '2'],
                ['-0.000000000000000003', '2'],
                ['0.2342', '0.928483728374637284'],
                ['12345.5', '1300.123'],
                ['99999999.999999999999999999', '0.000001'],
                ['0.5', '15000.25'],
            ];
            const generated = [...values(400)];
            for (let i = 0; i + 1 < generated.length; i += 2) {
                const [a, b] = [generated[i] ?? '0', generated[i + 1] ?? '0'];
                const d = units(b);
                if (d !== 0n && abs(d) < 10n ** 29n && abs(units(a) * SCALE) / abs(d) < 10n ** 37n) {
                    pairs.push([a, b]);
                }
            }
            const rows = await rowsOf(
                connection,
                `select hub_divide(a::decimal(38, 18), b::decimal(38, 18))::varchar as q
                 from (values ${valueList(pairs)}) as t(i, a, b) order by i`,
            );
            expect(rows.map((row) => row.q)).toEqual(pairs.map(([a, b]) => exactQuotient(a, b)));
        });
    });
});

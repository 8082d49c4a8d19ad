import { publishedNames } from '../../src/focus/layout';

describe('publishedNames', () => {
    it('names each part after its blob, in part order', () => {
        expect(publishedNames('r', ['x/part_0_0001.csv.gz', 'x/part_0_0002.snappy.parquet'])).toEqual([
            'r__part_0_0001.parquet',
            'r__part_0_0002.parquet',
        ]);
    });

    it('never gives two parts one name, whatever names the blobs have', () => {
        // The third part's blob shares its name with the second's; the part number it would take is the first's name.
        const names = publishedNames('r', ['x/p_3.csv', 'a/p.csv', 'b/p.csv', 'c/p.csv', 'd/p_4.csv']);
        expect(names).toEqual([
            'r__p_3.parquet',
            'r__p.parquet',
            'r__p_3_2.parquet',
            'r__p_4_2.parquet',
            'r__p_4.parquet',
        ]);
        expect(new Set(names).size).toBe(names.length);
    });
});

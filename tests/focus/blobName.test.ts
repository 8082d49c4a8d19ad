import { resolveBlobName } from '../../src/focus/blobName';

describe('resolveBlobName', () => {
    it.each(['a.csv', 'exports/daily/20261001-20261031/202610050102/b1c2/part_0_0001.csv.gz', 'ünïcode/ä b.csv'])(
        'keeps the container-relative name %j',
        (name) => expect(resolveBlobName(name, 'm')).toBe(name),
    );

    it.each([
        ['empty', ''],
        ['too long', 'a'.repeat(1025)],
        ['absolute', '/etc/passwd'],
        ['a URL', 'https://example.com/x.csv'],
        ['a drive letter', 'C:/x.csv'],
        ['a parent segment', 'a/../../x.csv'],
        ['a dot segment', 'a/./x.csv'],
        ['an empty segment', 'a//x.csv'],
        ['a trailing slash', 'a/'],
        ['a backslash', 'a\\..\\x.csv'],
        ['a NUL', 'a\0.csv'],
        ['a newline', 'a\n.csv'],
    ])('rejects %s as BlobOutsideContainer, naming the manifest', (_case, name) => {
        expect(() => resolveBlobName(name, 'exports/x/manifest.json')).toThrow(
            expect.objectContaining({
                code: 'BlobOutsideContainer',
                message: expect.stringContaining('exports/x/manifest.json'),
            }),
        );
    });
});

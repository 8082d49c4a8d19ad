import { parseManifest } from '../../src/focus/manifest';

interface RawManifest {
    dataRowCount?: number | null;
    exportConfig: Record<string, unknown>;
    runInfo: Record<string, unknown>;
    blobs: Record<string, unknown>[];
    [key: string]: unknown;
}

/** A Cost Management manifest (manifestVersion 2024-04-01 shape), with overrides. */
function manifest(change: (m: RawManifest) => void = () => {}): string {
    const m: RawManifest = {
        manifestVersion: '2024-04-01',
        byteCount: 10,
        blobCount: 2,
        dataRowCount: 30,
        exportConfig: {
            exportName: 'daily',
            resourceId: '/subscriptions/AbC-1/providers/Microsoft.CostManagement/exports/daily',
            dataVersion: '1.0r2',
            apiVersion: '2025-03-01',
            type: 'FocusCost',
        },
        runInfo: {
            runId: 'B1C2D3E4-0000-0000-0000-00000000000F',
            submittedTime: '2026-10-05T01:02:03.4567891Z',
            startDate: '2026-10-01T00:00:00',
            endDate: '2026-10-05T00:00:00Z',
        },
        blobs: [
            { blobName: 'exports/daily/run/part_0_0001.csv.gz', byteCount: 5, dataRowCount: 10 },
            { blobName: 'exports/daily/run/part_0_0002.csv.gz', byteCount: 5, dataRowCount: 20 },
        ],
    };
    change(m);
    return JSON.stringify(m);
}

const invalid = (text: string, why: RegExp) => {
    expect(() => parseManifest(text, 'x/manifest.json')).toThrow(
        expect.objectContaining({ code: 'ManifestInvalid', message: expect.stringMatching(why) }),
    );
};

describe('parseManifest', () => {
    it('normalises scope, run id, month, times and dataVersion', () => {
        expect(
            parseManifest(`\uFEFF${manifest((m) => (m.exportConfig.dataVersion = '1.0-preview (v1)'))}`, 'm'),
        ).toEqual({
            manifestVersion: '2024-04-01',
            exportName: 'daily',
            type: 'FocusCost',
            dataVersion: '1.0-preview(v1)',
            scope: 'subscriptions/abc-1',
            month: '2026-10',
            period: { start: '2026-10-01', end: '2026-10-05' },
            runId: 'b1c2d3e4-0000-0000-0000-00000000000f',
            submittedTime: '2026-10-05T01:02:03.456Z',
            declaredRows: 30,
            blobs: [
                { name: 'exports/daily/run/part_0_0001.csv.gz', byteCount: 5, dataRowCount: 10 },
                { name: 'exports/daily/run/part_0_0002.csv.gz', byteCount: 5, dataRowCount: 20 },
            ],
        });
    });

    it('reads a null or missing row count as unknown, never as zero', () => {
        const nulls = manifest((m) => {
            m.dataRowCount = null;
            m.blobs[1]!.dataRowCount = null;
        });
        expect(parseManifest(nulls, 'm').declaredRows).toBeNull();
        const perBlob = manifest((m) => delete m.dataRowCount);
        expect(parseManifest(perBlob, 'm').declaredRows).toBe(30);
        expect(
            parseManifest(
                manifest((m) => ((m.blobs = []), delete m.dataRowCount)),
                'm',
            ).declaredRows,
        ).toBe(0);
    });

    it('collapses doubled slashes in the scope and accepts billing scopes', () => {
        const billing = manifest(
            (m) =>
                (m.exportConfig.resourceId =
                    '/providers/Microsoft.Billing//billingAccounts/1234:5678_2019-05-31/providers/Microsoft.CostManagement/exports/x'),
        );
        expect(parseManifest(billing, 'm').scope).toBe(
            'providers/microsoft.billing/billingaccounts/1234:5678_2019-05-31',
        );
    });

    it('accepts the resource group and management group names Azure allows', () => {
        const scopeOf = (scope: string) =>
            parseManifest(
                manifest((m) => (m.exportConfig.resourceId = `${scope}/providers/Microsoft.CostManagement/exports/x`)),
                'm',
            ).scope;
        expect(scopeOf('/subscriptions/AbC-1/resourceGroups/RG(Prod)')).toBe(
            'subscriptions/abc-1/resourcegroups/rg(prod)',
        );
        expect(scopeOf('/subscriptions/abc-1/resourceGroups/_rg.app')).toBe(
            'subscriptions/abc-1/resourcegroups/_rg.app',
        );
        expect(scopeOf('/subscriptions/abc-1/resourceGroups/Ventes-Été')).toBe(
            'subscriptions/abc-1/resourcegroups/ventes-été',
        );
        expect(scopeOf('/providers/Microsoft.Management/managementGroups/Contoso(Root)')).toBe(
            'providers/microsoft.management/managementgroups/contoso(root)',
        );
    });

    it.each([
        ['not JSON', '{', /not JSON/],
        [
            'a scope ending with a dot',
            manifest(
                (m) =>
                    (m.exportConfig.resourceId =
                        '/subscriptions/a/resourceGroups/rg./providers/Microsoft.CostManagement/exports/x'),
            ),
            /unusable scope/,
        ],
        [
            'a scope with a space',
            manifest(
                (m) =>
                    (m.exportConfig.resourceId =
                        '/subscriptions/a/resourceGroups/r g/providers/Microsoft.CostManagement/exports/x'),
            ),
            /unusable scope/,
        ],
        ['empty', '', /not JSON/],
        ['a part listed twice', manifest((m) => m.blobs.push({ ...m.blobs[0] })), /more than once/],
        ['a run id with a slash', manifest((m) => (m.runInfo.runId = 'a/b')), /runInfo\.runId/],
        ['a run id longer than 64', manifest((m) => (m.runInfo.runId = 'a'.repeat(65))), /runInfo\.runId/],
        ['no resource id', manifest((m) => delete m.exportConfig.resourceId), /exportConfig\.resourceId/],
        ['not an export id', manifest((m) => (m.exportConfig.resourceId = '/subscriptions/x')), /not an export/],
        [
            'a scope with ..',
            manifest(
                (m) => (m.exportConfig.resourceId = '/subscriptions/../providers/Microsoft.CostManagement/exports/x'),
            ),
            /unusable scope/,
        ],
        ['a bad start date', manifest((m) => (m.runInfo.startDate = 'October')), /startDate/],
        ['a two-digit end date', manifest((m) => (m.runInfo.endDate = '26-10-31')), /endDate/],
        [
            'an end before the start',
            manifest((m) => (m.runInfo.endDate = '2026-09-30T00:00:00Z')),
            /before its startDate/,
        ],
        ['a bad submitted time', manifest((m) => (m.runInfo.submittedTime = 'soon')), /submittedTime/],
        ['a negative row count', manifest((m) => (m.dataRowCount = -1)), /dataRowCount/],
        ['no rows over parts that have rows', manifest((m) => (m.dataRowCount = 0)), /0 is not the sum .*\(30\)/],
        ['more rows than its parts add up to', manifest((m) => (m.dataRowCount = 999)), /999 is not the sum/],
        [
            'rows but no parts',
            manifest((m) => ((m.blobs = []), (m.dataRowCount = 5))),
            /5 rows but blobs lists no parts/,
        ],
        [
            'too many parts',
            manifest((m) => (m.blobs = Array.from({ length: 10_001 }, (_, i) => ({ blobName: `p${i}` })))),
            /10,000/,
        ],
    ])('rejects %s as ManifestInvalid', (_case, text, why) => invalid(text, why));

    it('rejects part names that leave the container as BlobOutsideContainer', () => {
        for (const blobName of ['../x.csv', '/abs.csv', 'a//b.csv', 'https://evil/x.csv', 'a\\b.csv', 'a/./b.csv']) {
            const text = manifest((m) => (m.blobs[0]!.blobName = blobName));
            expect(() => parseManifest(text, 'm')).toThrow(expect.objectContaining({ code: 'BlobOutsideContainer' }));
        }
    });
});

import { recommendationsScope } from '../../../../src/focus/datasets/recommendations/recommendationsScope';
import type { ExportManifest } from '../../../../src/focus/manifest';

const manifest = (exportName: string): ExportManifest => ({
    exportName,
    type: 'ReservationRecommendations',
    dataVersion: '2023-05-01',
    scope: 'subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
    month: '2026-10',
    period: { start: '2026-10-01', end: '2026-10-20' },
    runId: 'r',
    submittedTime: '2026-10-20T02:00:00.000Z',
    declaredRows: 1,
    blobs: [],
});

describe('recommendationsScope', () => {
    it('appends the export name to the scope with no separator, lower-cased, as FinOps hubs do', () => {
        expect(recommendationsScope(manifest('RI-Recs_30d.shared'))).toBe(
            'subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35ri-recs_30d.shared',
        );
        expect(recommendationsScope(manifest(''))).toBe('subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35');
    });

    it('refuses a name that would not give a safe scope folder', () => {
        for (const name of ['../other', 'with space', 'a/b', 'x'.repeat(100)]) {
            expect(() => recommendationsScope(manifest(name))).toThrow(
                expect.objectContaining({
                    code: 'ManifestInvalid',
                    message: expect.stringContaining('not a usable scope path'),
                }),
            );
        }
    });
});

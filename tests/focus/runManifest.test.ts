import { isExportManifest, isRunManifest, isTelemetryManifest } from '../../src/focus/runManifest';

describe('run manifests', () => {
    const names = [
        'focus/hub-costs/20260901-20260930/abc/manifest.json',
        'telemetry/subscriptions/s1/2026/09/run-1/telemetry.json',
        'focus/hub-costs/20260901-20260930/abc/part_0_0001.csv.gz',
        'focus/hub-costs/manifest.json.tmp',
        'telemetry.json/part.csv',
    ];

    it('tell an export manifest, a telemetry manifest and everything else apart by file name', () => {
        expect(names.map((name) => [isExportManifest(name), isTelemetryManifest(name), isRunManifest(name)])).toEqual([
            [true, false, true],
            [false, true, true],
            [false, false, false],
            [false, false, false],
            [false, false, false],
        ]);
    });
});

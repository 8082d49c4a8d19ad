import { pullPeriods } from '../../../src/cli/telemetryPullOptions';
import { consumerQuery } from '../../../src/focus/telemetry/consumerQuery';
import { metricWindows } from '../../../src/focus/telemetry/metricGroups';
import { telemetryFolder } from '../../../src/focus/telemetry/telemetryFolder';
import { parseTelemetryManifest, telemetryRun } from '../../../src/focus/telemetry/telemetryManifest';

const NAME = 'telemetry/sub/20261001-20261031/202611010200/run/telemetry.json';
const manifest = (fields: Record<string, unknown> = {}) =>
    JSON.stringify({
        manifestVersion: 'finops-hub-telemetry/1',
        scope: '/subscriptions/3B9E4C1D-7A2F-4E8B-9C6D-1F0A2B3C4D5E',
        start: '2026-10-01T00:00:00Z',
        end: '2026-11-01T00:00:00Z',
        files: [
            { name: 'deployments-0001.json', kind: 'deployments' },
            { name: 'metrics-0001.json', kind: 'metrics' },
            { name: 'consumers-0001.json', kind: 'consumers' },
        ],
        ...fields,
    });

describe('the telemetry folder contract', () => {
    it('reads the documented telemetry.json into a run of the month, its files named inside the folder', () => {
        const parsed = parseTelemetryManifest(manifest(), NAME);
        expect(parsed).toMatchObject({
            scope: '/subscriptions/3b9e4c1d-7a2f-4e8b-9c6d-1f0a2b3c4d5e',
            pulledAt: '2026-11-01T00:00:00.000Z',
            runId: expect.stringMatching(/^telemetry-[0-9a-f]{32}$/),
        });
        expect(telemetryRun(parsed, NAME)).toMatchObject({
            type: 'Telemetry',
            scope: 'subscriptions/3b9e4c1d-7a2f-4e8b-9c6d-1f0a2b3c4d5e',
            month: '2026-10',
            declaredRows: null,
            blobs: [
                { name: 'telemetry/sub/20261001-20261031/202611010200/run/deployments-0001.json' },
                { name: 'telemetry/sub/20261001-20261031/202611010200/run/metrics-0001.json' },
                { name: 'telemetry/sub/20261001-20261031/202611010200/run/consumers-0001.json' },
            ],
        });
        // The same folder always gets the same run id, so landing it twice is one run.
        expect(parseTelemetryManifest(manifest(), NAME).runId).toBe(parsed.runId);
    });

    it.each([
        [
            'a file outside its folder',
            { files: [{ name: '../other/metrics.json', kind: 'metrics' }] },
            'BlobOutsideContainer',
        ],
        ['an absolute file name', { files: [{ name: '/etc/passwd', kind: 'metrics' }] }, 'BlobOutsideContainer'],
        ['a URL', { files: [{ name: 'https://example.com/x.json', kind: 'metrics' }] }, 'BlobOutsideContainer'],
        [
            'a file twice',
            {
                files: [
                    { name: 'a.json', kind: 'metrics' },
                    { name: 'a.json', kind: 'metrics' },
                ],
            },
            'ManifestInvalid',
        ],
        ['an unknown kind', { files: [{ name: 'a.json', kind: 'logs' }] }, 'ManifestInvalid'],
        ['two months', { end: '2026-11-02T00:00:00Z' }, 'ManifestInvalid'],
        ['an end before its start', { end: '2026-09-30T00:00:00Z' }, 'ManifestInvalid'],
        ['another version', { manifestVersion: 'finops-hub-telemetry/2' }, 'ManifestInvalid'],
        [
            'a scope that is no subscription',
            { scope: '/providers/Microsoft.Billing/billingAccounts/1' },
            'ManifestInvalid',
        ],
    ])('refuses %s with %s', (_, fields, code) => {
        expect(() => parseTelemetryManifest(manifest(fields), NAME)).toThrow(expect.objectContaining({ code }));
    });

    it('refuses truncated JSON', () => {
        expect(() => parseTelemetryManifest(manifest().slice(0, 40), NAME)).toThrow(
            expect.objectContaining({ code: 'ManifestInvalid', message: expect.stringContaining('not JSON') }),
        );
    });

    it('lands a pull under telemetry/{subscription}/{period}/{pulled}/{run}', () => {
        const parsed = parseTelemetryManifest(manifest({ runId: 'r1', pulledAt: '2026-11-01T02:30:00Z' }), NAME);
        expect(telemetryFolder(parsed)).toBe(
            'telemetry/3b9e4c1d-7a2f-4e8b-9c6d-1f0a2b3c4d5e/20261001-20261031/202611010230/r1',
        );
    });
});

describe('what a pull asks for', () => {
    it('cuts periods into weekly metrics windows, and a CLI pull into one folder per month within 93 days', () => {
        const windows = metricWindows(new Date('2026-10-01T00:00:00Z'), new Date('2026-10-16T02:00:00Z'));
        expect(windows.map((w) => w.end.toISOString())).toEqual([
            '2026-10-08T00:00:00.000Z',
            '2026-10-15T00:00:00.000Z',
            '2026-10-16T02:00:00.000Z',
        ]);
        const now = new Date('2026-12-06T12:00:00Z');
        expect(
            pullPeriods('2026-10-20', undefined, now).map((p) => [p.start.toISOString(), p.end.toISOString()]),
        ).toEqual([
            ['2026-10-20T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
            ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
            ['2026-12-01T00:00:00.000Z', '2026-12-06T12:00:00.000Z'],
        ]);
        expect(() => pullPeriods('2026-08-01', undefined, now)).toThrow(
            expect.objectContaining({ code: 'UsageError', message: expect.stringContaining('93 days') }),
        );
        expect(() => pullPeriods(undefined, '2027-01-01', now)).toThrow(
            expect.objectContaining({ code: 'UsageError' }),
        );
    });

    it('puts only dimension names into the consumer query, never KQL', () => {
        expect(consumerQuery('Subscription ID', 'Deployment')).toContain("tostring(dims['Subscription ID'])");
        expect(() => consumerQuery("Team'] | take 1 //", 'Deployment')).toThrow(
            expect.objectContaining({ code: 'ConfigInvalid' }),
        );
    });
});

import type { ExportOptions } from '../../src/sample/exportOptions';

/** A small subscription-scoped CSV.gz 1.0r2 run; tests override what they exercise. */
export function sampleOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
    return {
        exportName: 'contoso-daily',
        dataVersion: '1.0r2',
        format: { fileFormat: 'Csv', compressionMode: 'Gzip' },
        rows: 2500,
        parts: 2,
        month: '2026-08',
        scope: '/subscriptions/6f3c2a9e-1b7d-4c58-9e0a-2d4b8f1c7a35',
        runId: '0b9c3f4e-5a4d-4e1f-9c3b-7d2e1a6f8c90',
        submittedTime: '2026-09-01T05:14:09.1234567Z',
        manifest: { generation: '2024-04-01' },
        seed: 7,
        ...overrides,
    };
}

import type { DuckDBConnection } from '@duckdb/node-api';

import type { ExportOptions } from '../../src/sample/exportOptions';
import { type GeneratedExport, generateExport } from '../../src/sample/generateExport';

export const EA_ACCOUNT = '/providers/Microsoft.Billing/billingAccounts/81234567';
export const MCA_PROFILE =
    '/providers/Microsoft.Billing/billingAccounts/1234abcd:5678_2019-05-31/billingProfiles/AB12-CD34';

/** Writes one generated export run (any type the sample generator knows) under `root`; tests override the rest. */
export function writeGeneratedExport(
    connection: DuckDBConnection,
    root: string,
    options: Partial<ExportOptions> & Pick<ExportOptions, 'type' | 'dataVersion'>,
): Promise<GeneratedExport> {
    const mca = options.channel === 'MCA';
    return generateExport(connection, root, {
        exportName: `hub-${options.type?.toLowerCase() ?? 'focuscost'}`,
        format: { fileFormat: 'Csv', compressionMode: 'None' },
        rows: 10,
        parts: 1,
        month: '2026-08',
        scope: mca ? MCA_PROFILE : EA_ACCOUNT,
        runId: '5e1a7c00-0000-4000-8000-000000000001',
        submittedTime: '2026-08-02T03:00:00Z',
        manifest: { generation: '2024-04-01' },
        seed: 3,
        ...options,
    });
}

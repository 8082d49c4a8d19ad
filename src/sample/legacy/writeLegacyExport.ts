import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { legacyCostMap } from '../../focus/datasets/legacyCosts/legacyCostMap';
import { type Agreement, legacyExportColumns } from '../../focus/datasets/legacyCosts/legacyExportColumns';
import { exportLayout } from '../exportLayout';
import { writeManifest } from '../writeManifest';
import { expressible, type LegacyRow } from './legacyCharges';

/** How the header is spelled: as documented, or as other exports of the same data spell it. */
export type HeaderStyle = 'documented' | 'camelCase' | 'PascalCase' | 'oldEaNames';

/** The old EA spelling of current columns (FinOps toolkit EA_*Cost_Small.csv, C360). */
const OLD_EA_NAMES: Record<string, string> = {
    CostInBillingCurrency: 'Cost',
    BillingCurrencyCode: 'BillingCurrency',
    ProductName: 'Product',
    InvoiceSectionName: 'InvoiceSection',
};

/** One legacy export run to write. */
export interface LegacyExportSpec {
    exportName: string;
    type: 'ActualCost' | 'AmortizedCost';
    dataVersion: string;
    agreement: Agreement;
    /** `/subscriptions/<guid>` or `/providers/Microsoft.Billing/billingAccounts/<id>`. */
    scope: string;
    month: string;
    runId: string;
    submittedTime: string;
    rows: LegacyRow[];
    /** Part files (rows split evenly; each has a header). */
    parts?: number;
    headerStyle?: HeaderStyle;
}

/**
 * Writes one ActualCost or AmortizedCost export run (CSV parts with a BOM and CRLF, then manifest.json) into
 * `containerRoot`, with exactly the columns Microsoft documents for the dataVersion and agreement, spelled as
 * `headerStyle` says. Rows a schema cannot express (commitments before it had charge types or pricing models) are left
 * out. Returns the manifest's container-relative name and the rows written.
 */
export function writeLegacyExport(
    containerRoot: string,
    spec: LegacyExportSpec,
): { manifestName: string; rows: LegacyRow[] } {
    const documented = legacyExportColumns(spec.dataVersion, spec.agreement);
    const canonical = documented.map((header) => canonicalName(header));
    const present = new Set(canonical.filter((name): name is string => name !== undefined));
    const rows = spec.rows.filter((row) => expressible(row, present));
    const header = documented.map((name) => spell(name, spec.headerStyle ?? 'documented'));
    const parts = spec.parts ?? 1;
    const layout = exportLayout({ ...spec, parts, format: { fileFormat: 'Csv', compressionMode: 'None' } });
    const blobs = layout.partNames.map((blobName, index) => {
        const slice = rows.slice(
            Math.floor((rows.length * index) / parts),
            Math.floor((rows.length * (index + 1)) / parts),
        );
        const lines = [header, ...slice.map((row) => canonical.map((name) => (name ? (row[name] ?? '') : '')))];
        const path = join(containerRoot, blobName);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`);
        return { blobName, byteCount: statSync(path).size, dataRowCount: slice.length };
    });
    const [year, month] = spec.month.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    writeManifest(
        join(containerRoot, layout.manifestName),
        { ...spec, format: { fileFormat: 'Csv', compressionMode: 'None' }, manifest: { generation: '2024-04-01' } },
        { startDate: `${spec.month}-01`, endDate: `${spec.month}-${lastDay}`, timeFrame: 'TheLastMonth', blobs },
    );
    return { manifestName: layout.manifestName, rows };
}

/** The legacy map name a header goes by, if the hub reads it. */
function canonicalName(header: string): string | undefined {
    const lower = header.toLowerCase();
    return legacyCostMap().columns.find((c) => c.headers.some((h) => h.toLowerCase() === lower))?.name;
}

function spell(name: string, style: HeaderStyle): string {
    if (style === 'camelCase') return name.charAt(0).toLowerCase() + name.slice(1);
    if (style === 'PascalCase') return name.charAt(0).toUpperCase() + name.slice(1);
    if (style === 'oldEaNames') return OLD_EA_NAMES[name] ?? name;
    return name;
}

function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

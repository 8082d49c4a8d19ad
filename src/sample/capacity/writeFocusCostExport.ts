import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { exportColumns } from '../../focus/datasets/costs/exportColumns';
import { exportLayout } from '../exportLayout';
import type { ExportOptions } from '../exportOptions';
import { writeManifest } from '../writeManifest';
import type { FocusRow } from './focusRows';

/** A FocusCost 1.2-preview export run of hand-made rows, written as Cost Management writes one (one CSV part). */
export interface FocusCostExport {
    exportName: string;
    scope: string;
    month: string;
    runId: string;
    submittedTime: string;
    rows: FocusRow[];
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Writes the run into `containerRoot` (the msexports folder): a CSV part with a UTF-8 BOM, CRLF line ends and the
 * version's columns in order (empty where a row has no value), then manifest.json. Returns the manifest's name.
 */
export function writeFocusCostExport(containerRoot: string, run: FocusCostExport): string {
    const columns = exportColumns('1.2-preview').map((column) => column.name);
    const options: ExportOptions = {
        exportName: run.exportName,
        dataVersion: '1.2-preview',
        format: { fileFormat: 'Csv', compressionMode: 'None' },
        rows: run.rows.length,
        parts: 1,
        month: run.month,
        scope: run.scope,
        runId: run.runId,
        submittedTime: run.submittedTime,
        manifest: { generation: '2024-04-01' },
        seed: 0,
    };
    const layout = exportLayout(options);
    const [partName = ''] = layout.partNames;
    const lines = [columns.join(','), ...run.rows.map((row) => columns.map((c) => csvField(row[c] ?? '')).join(','))];
    const path = join(containerRoot, partName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    const blob = { blobName: partName, byteCount: statSync(path).size, dataRowCount: run.rows.length };
    const last = new Date(Date.UTC(Number(run.month.slice(0, 4)), Number(run.month.slice(5)), 0));
    writeManifest(join(containerRoot, layout.manifestName), options, {
        startDate: `${run.month}-01`,
        endDate: last.toISOString().slice(0, 10),
        timeFrame: 'TheLastMonth',
        blobs: [blob],
    });
    return layout.manifestName;
}

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { exportColumns, isFocusCostVersion } from '../../src/focus/datasets/costs/exportColumns';

/** A plausible FocusCost row; tests override the fields they care about. */
export const baseRow: Record<string, string> = {
    BilledCost: '1.234567890123456789',
    EffectiveCost: '1.234567890123456789',
    ContractedCost: '1.234567890123456789',
    ListCost: '1.5',
    ContractedUnitPrice: '0.1234567890123456789',
    ListUnitPrice: '0.15',
    PricingQuantity: '10',
    ConsumedQuantity: '10',
    BillingAccountId: '/providers/Microsoft.Billing/billingAccounts/1234567',
    BillingAccountName: 'Contoso',
    BillingCurrency: 'USD',
    BillingPeriodStart: '2026-10-01T00:00:00Z',
    BillingPeriodEnd: '2026-11-01T00:00:00Z',
    ChargePeriodStart: '2026-10-05T00:00:00Z',
    ChargePeriodEnd: '2026-10-06T00:00:00Z',
    ChargeCategory: 'Usage',
    ChargeDescription: 'Standard_D4s_v5',
    ChargeFrequency: 'Usage-Based',
    ConsumedUnit: 'Hours',
    PricingUnit: 'Hours',
    PricingCategory: 'Standard',
    InvoiceIssuerName: 'Microsoft',
    ProviderName: 'Microsoft',
    PublisherName: 'Microsoft',
    RegionId: 'eastus2',
    RegionName: 'East US 2',
    ResourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1',
    ResourceName: 'vm1',
    ResourceType: 'Virtual machine',
    ServiceCategory: 'Compute',
    ServiceName: 'Virtual Machines',
    SkuId: 'DZH318Z0BQ4C',
    SkuPriceId: 'DZH318Z0BQ4C/00HJ',
    SubAccountId: '/subscriptions/00000000-0000-0000-0000-000000000001',
    SubAccountName: 'Production',
    Tags: '{"env":"prod","CostCenter":"1234"}',
    x_ResourceType: 'microsoft.compute/virtualmachines',
    x_SkuMeterName: 'D4s v5',
    x_SkuDetails: '{"ServiceType":"Standard_D4s_v5","VCPUs":4}',
    x_PricingCurrency: 'USD',
    x_PricingBlockSize: '1',
    x_SkuIsCreditEligible: 'True',
};

function csvField(value: string | undefined): string {
    if (value === undefined || value === '') return '';
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a FocusCost CSV of `dataVersion`'s columns the way Cost Management does (BOM, CRLF, quoted JSON). */
export function writeFocusCsv(
    path: string,
    dataVersion: string,
    rows: Record<string, string>[],
    options: { gzip?: boolean; columns?: string[] } = {},
): void {
    // An unknown version (for manifests the hub must refuse) is written with 1.0r2's columns.
    const version = isFocusCostVersion(dataVersion) ? dataVersion : '1.0r2';
    const columns = options.columns ?? exportColumns(version).map((c) => c.name);
    const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))];
    const text = `\uFEFF${lines.join('\r\n')}\r\n`;
    writeFileSync(path, options.gzip ? gzipSync(text) : text);
}

import { DuckDBConnection } from '@duckdb/node-api';

/**
 * Column expressions of a conforming FOCUS 1.2 Azure-like usage row, over `i` from `range(n)`. Tests replace single
 * expressions to break one thing at a time.
 */
export const validColumns: Record<string, string> = {
    AvailabilityZone: 'null::varchar',
    BilledCost: '(0.4 * quantity)::decimal(38,18)',
    BillingAccountId: "'/providers/Microsoft.Billing/billingAccounts/1234'",
    BillingAccountName: "'Contoso'",
    BillingAccountType: "'Billing Profile'",
    BillingCurrency: "'EUR'",
    BillingPeriodEnd: "'2026-11-01T00:00:00Z'::timestamptz",
    BillingPeriodStart: "'2026-10-01T00:00:00Z'::timestamptz",
    CapacityReservationId: 'null::varchar',
    CapacityReservationStatus: 'null::varchar',
    ChargeCategory: "'Usage'",
    ChargeClass: 'null::varchar',
    ChargeDescription: "'D2 v3 compute hours'",
    ChargeFrequency: "'Usage-Based'",
    ChargePeriodEnd: "'2026-10-01T01:00:00Z'::timestamptz + to_hours(i % 500)",
    ChargePeriodStart: "'2026-10-01T00:00:00Z'::timestamptz + to_hours(i % 500)",
    CommitmentDiscountCategory: 'null::varchar',
    CommitmentDiscountId: 'null::varchar',
    CommitmentDiscountName: 'null::varchar',
    CommitmentDiscountQuantity: 'null::decimal(38,18)',
    CommitmentDiscountStatus: 'null::varchar',
    CommitmentDiscountType: 'null::varchar',
    CommitmentDiscountUnit: 'null::varchar',
    ConsumedQuantity: 'quantity::decimal(38,18)',
    ConsumedUnit: "'Hours'",
    ContractedCost: '(0.4 * quantity)::decimal(38,18)',
    ContractedUnitPrice: '0.4::decimal(38,18)',
    EffectiveCost: '(0.4 * quantity)::decimal(38,18)',
    InvoiceId: "'G000000001'",
    InvoiceIssuerName: "'Microsoft'",
    ListCost: '(0.5 * quantity)::decimal(38,18)',
    ListUnitPrice: '0.5::decimal(38,18)',
    PricingCategory: "'Standard'",
    PricingCurrency: "'USD'",
    PricingCurrencyContractedUnitPrice: '0.44::decimal(38,18)',
    PricingCurrencyEffectiveCost: '(0.44 * quantity)::decimal(38,18)',
    PricingCurrencyListUnitPrice: '0.55::decimal(38,18)',
    PricingQuantity: 'quantity::decimal(38,18)',
    PricingUnit: "'Hours'",
    ProviderName: "'Microsoft'",
    PublisherName: "'Microsoft'",
    RegionId: "'westeurope'",
    RegionName: "'West Europe'",
    ResourceId: "'/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm' || (i % 50)",
    ResourceName: "'vm' || (i % 50)",
    ResourceType: "'Virtual Machine'",
    ServiceCategory: "'Compute'",
    ServiceName: "'Virtual Machines'",
    ServiceSubcategory: "'Virtual Machines'",
    SkuId: "'DZH318Z0BQ4L'",
    SkuMeter: "'D2 v3'",
    SkuPriceDetails: '\'{"CoreCount": 2, "x_Tier": "Standard"}\'',
    SkuPriceId: "'DZH318Z0BQ4L/0001'",
    SubAccountId: "'/subscriptions/s1'",
    SubAccountName: "'Produktion Zürich'",
    SubAccountType: "'Subscription'",
    Tags: '\'{"env": "prod", "costCenter": "Zürich-42"}\'',
};

/** Creates table `name` with `rows` rows of `validColumns`, with `changes` replacing or (when null) dropping columns. */
export async function createFocusTable(
    connection: DuckDBConnection,
    name: string,
    rows: number,
    changes: Record<string, string | null> = {},
): Promise<void> {
    const columns = Object.entries({ ...validColumns, ...changes })
        .filter((entry): entry is [string, string] => entry[1] !== null)
        .map(([column, expression]) => `${expression} as "${column}"`);
    await connection.run(
        `create or replace table "${name}" as select ${columns.join(', ')} ` +
            `from (select i, 1 + i % 10 as quantity from range(${rows}) as t(i))`,
    );
}

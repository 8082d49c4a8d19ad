import { decimalProduct } from '../legacy/decimalProduct';
import { DATA_ZONE_RATE, RESOURCE_GROUP, SUBSCRIPTION_ID, SUBSCRIPTION_NAME } from './capacityScenario';

/** One FocusCost row, by export column name (absent columns are empty). */
export type FocusRow = Record<string, string>;

/** The meters the account is billed on (eastus2 ids of the retail snapshot), with their list price per unit. */
export const METERS = {
    global: {
        id: '6dcdbfc4-1d28-5883-84c2-dcdb88e21b56',
        name: 'Provisioned Managed Global Unit',
        price: '1',
        unit: '1/Hour',
        block: '1',
    },
    dataZone: {
        id: '890bf5d6-e184-5eab-af9d-8a0f1988c2c0',
        name: 'Provisioned Managed Data Zone Unit',
        price: DATA_ZONE_RATE,
        unit: '1/Hour',
        block: '1',
    },
    input: {
        id: 'e44b94b3-934f-5f67-bf3a-c9a64d3a83d5',
        name: 'gpt 4o 1120 Inp glbl Tokens',
        price: '0.0025',
        unit: '1K',
        block: '1000',
    },
    output: {
        id: '39ae1495-1ea6-51c4-b153-3b303891275b',
        name: 'gpt 4o 1120 Outp glbl Tokens',
        price: '0.01',
        unit: '1K',
        block: '1000',
    },
} as const;
export type Meter = (typeof METERS)[keyof typeof METERS];

const day0 = (day: number) => `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`;
const nextDay = (day: number) => (day === 31 ? '2026-11-01T00:00:00Z' : day0(day + 1));

/** The columns every row of the account shares. */
export function base(day: number, meter: Meter, resourceId: string, resourceName: string): FocusRow {
    return {
        BillingAccountId: '/providers/Microsoft.Billing/billingAccounts/81234567',
        BillingAccountName: 'Contoso Ltd',
        BillingAccountType: 'Billing Account',
        BillingCurrency: 'USD',
        BillingPeriodStart: '2026-10-01T00:00:00Z',
        BillingPeriodEnd: '2026-11-01T00:00:00Z',
        ChargeCategory: 'Usage',
        ChargeDescription: `Azure OpenAI - ${meter.name.replace(/ Tokens$| Unit$/, '')} - US East 2`,
        ChargeFrequency: 'Usage-Based',
        ChargePeriodStart: day0(day),
        ChargePeriodEnd: nextDay(day),
        InvoiceIssuerName: 'Microsoft',
        PricingCurrency: 'USD',
        ProviderName: 'Microsoft',
        PublisherName: 'Microsoft',
        RegionId: 'eastus2',
        RegionName: 'East US 2',
        ResourceId: resourceId,
        ResourceName: resourceName,
        ResourceType: 'Azure AI Foundry',
        ServiceCategory: 'AI and Machine Learning',
        ServiceName: 'Azure AI Services',
        ServiceSubcategory: 'AI Platforms',
        SkuId: `DZH318Z0HHG7/${meter.id.slice(0, 4).toUpperCase()}`,
        SkuPriceId: `DZH318Z0HHG7/${meter.id.slice(0, 4).toUpperCase()}`,
        SkuMeter: meter.name,
        SubAccountId: `/subscriptions/${SUBSCRIPTION_ID}`,
        SubAccountName: SUBSCRIPTION_NAME,
        SubAccountType: 'Subscription',
        Tags: '{"CostCenter":"4200","env":"prod","app":"ai-gateway"}',
        x_BillingAccountId: '81234567',
        x_BillingAccountName: 'Contoso Ltd',
        x_BillingExchangeRate: '1',
        x_BillingExchangeRateDate: '2026-10-01T00:00:00Z',
        x_BillingProfileId: '81234567',
        x_BillingProfileName: 'Contoso Ltd',
        x_PricingBlockSize: meter.block,
        x_PricingUnitDescription: meter.unit,
        x_PublisherCategory: 'Cloud Provider',
        x_ResourceGroupName: RESOURCE_GROUP,
        x_ResourceType: 'microsoft.cognitiveservices/accounts',
        x_ServiceModel: 'PaaS',
        x_ServicePeriodStart: day0(day),
        x_ServicePeriodEnd: nextDay(day),
        x_SkuDescription: meter.name.replace(/ Tokens$| Unit$/, ''),
        x_SkuMeterCategory: 'Foundry Models',
        x_SkuMeterId: meter.id,
        x_SkuMeterName: meter.name,
        x_SkuMeterSubcategory: 'Azure OpenAI',
        x_SkuRegion: 'US East 2',
        x_SkuServiceFamily: 'AI + Machine Learning',
    };
}

/** Quantity (in the meter's priced units), list and contracted price, and what was billed and is effective. */
export function priced(row: FocusRow, meter: Meter, consumed: string, billed: string, effective: string): FocusRow {
    const quantity = decimalProduct(consumed, meter.block === '1' ? '1' : '0.001');
    const list = decimalProduct(quantity, meter.price);
    return {
        ...row,
        ConsumedQuantity: consumed,
        ConsumedUnit: meter.block === '1' ? 'Hours' : 'Units',
        PricingQuantity: quantity,
        PricingUnit: meter.block === '1' ? 'Hours' : 'Units',
        ListUnitPrice: meter.price,
        ContractedUnitPrice: meter.price,
        ListCost: list,
        ContractedCost: list,
        BilledCost: billed === 'list' ? list : billed,
        EffectiveCost: effective === 'list' ? list : effective,
        x_EffectiveUnitPrice: effective === 'list' ? meter.price : decimalProduct(effective, '1'),
        PricingCategory: effective === 'list' ? 'Standard' : 'Committed',
    };
}

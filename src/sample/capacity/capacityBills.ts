import { decimalProduct } from '../legacy/decimalProduct';
import {
    ACCOUNT,
    ACCOUNT_ID,
    DATA_ZONE_RATE,
    dataZonePtus,
    GLOBAL_PTUS,
    hoursOfDay,
    hourUsage,
    RESERVATION,
    RESOURCE_GROUP,
    STANDARD,
    SUBSCRIPTION_ID,
    SUBSCRIPTION_NAME,
} from './capacityScenario';

/** One FocusCost row, by export column name (absent columns are empty). */
export type FocusRow = Record<string, string>;

/** The meters the account is billed on (eastus2 ids of the retail snapshot), with their list price per unit. */
const METERS = {
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
type Meter = (typeof METERS)[keyof typeof METERS];

const day0 = (day: number) => `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`;
const nextDay = (day: number) => (day === 31 ? '2026-11-01T00:00:00Z' : day0(day + 1));

/** The columns every row of the account shares. */
function base(day: number, meter: Meter, resourceId: string, resourceName: string): FocusRow {
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
function priced(row: FocusRow, meter: Meter, consumed: string, billed: string, effective: string): FocusRow {
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

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The account's October bill: per day, PTU-hours (reserved and pay-as-you-go), unused reservation hours, tokens. */
export function capacityBills(): FocusRow[] {
    const rows: FocusRow[] = [];
    const reservation = { CommitmentDiscountId: RESERVATION.id, CommitmentDiscountName: RESERVATION.name };
    const committed = { ...reservation, CommitmentDiscountCategory: 'Usage', CommitmentDiscountType: 'Reservation' };
    for (let day = 1; day <= 31; day++) {
        const usedHours = String(GLOBAL_PTUS * 24);
        const unusedHours = String((RESERVATION.ptus - GLOBAL_PTUS) * 24);
        const amortized = (hours: string) => decimalProduct(hours, RESERVATION.hourlyRate);
        const used = priced(
            base(day, METERS.global, ACCOUNT_ID.toLowerCase(), ACCOUNT),
            METERS.global,
            usedHours,
            '0',
            amortized(usedHours),
        );
        rows.push({
            ...used,
            ...committed,
            CommitmentDiscountStatus: 'Used',
            x_EffectiveUnitPrice: RESERVATION.hourlyRate,
        });
        const unused = priced(
            base(day, METERS.global, RESERVATION.id, RESERVATION.name),
            METERS.global,
            unusedHours,
            '0',
            amortized(unusedHours),
        );
        rows.push({
            ...unused,
            ...committed,
            ConsumedQuantity: '',
            ConsumedUnit: '',
            CommitmentDiscountStatus: 'Unused',
            x_EffectiveUnitPrice: RESERVATION.hourlyRate,
            ResourceType: 'Reservation',
            x_ResourceType: 'microsoft.capacity/reservationorders/reservations',
        });
        const dataZoneHours = String(sum(hoursOfDay(day).map(dataZonePtus)));
        rows.push(
            priced(
                base(day, METERS.dataZone, ACCOUNT_ID.toLowerCase(), ACCOUNT),
                METERS.dataZone,
                dataZoneHours,
                'list',
                'list',
            ),
        );
        const standard = hoursOfDay(day).map((hour) => hourUsage(hour)[STANDARD]);
        const input = String(sum(standard.map((usage) => usage?.input ?? 0)));
        const output = String(sum(standard.map((usage) => usage?.output ?? 0)));
        rows.push(
            priced(base(day, METERS.input, ACCOUNT_ID.toLowerCase(), ACCOUNT), METERS.input, input, 'list', 'list'),
        );
        rows.push(
            priced(base(day, METERS.output, ACCOUNT_ID.toLowerCase(), ACCOUNT), METERS.output, output, 'list', 'list'),
        );
    }
    rows.push(purchase());
    return rows;
}

/** The monthly reservation payment: billed on the 1st, amortized into the hourly rows above (EffectiveCost 0). */
function purchase(): FocusRow {
    const amount = decimalProduct(String(RESERVATION.ptus * 744), RESERVATION.hourlyRate);
    return {
        ...base(1, METERS.global, RESERVATION.id, RESERVATION.name),
        ChargeCategory: 'Purchase',
        ChargeFrequency: 'Recurring',
        ChargeDescription: `Azure AI Foundry Provisioned Throughput Reservation, Global, ${RESERVATION.ptus} PTU, 1 Month`,
        ChargePeriodEnd: '2026-11-01T00:00:00Z',
        CommitmentDiscountCategory: 'Usage',
        CommitmentDiscountId: RESERVATION.id,
        CommitmentDiscountName: RESERVATION.name,
        CommitmentDiscountType: 'Reservation',
        PricingCategory: 'Committed',
        PricingQuantity: '1',
        PricingUnit: 'Units',
        ListUnitPrice: amount,
        ContractedUnitPrice: amount,
        ListCost: amount,
        ContractedCost: amount,
        BilledCost: amount,
        EffectiveCost: '0',
        ResourceType: 'Reservation',
        x_ResourceType: 'microsoft.capacity/reservationorders/reservations',
        SkuMeter: '',
        x_SkuMeterName: '',
        x_SkuMeterId: '',
    };
}

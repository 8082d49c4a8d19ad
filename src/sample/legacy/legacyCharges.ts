import type { Agreement } from '../../focus/datasets/legacyCosts/legacyExportColumns';
import { decimalProduct } from './decimalProduct';

/** One row of a legacy cost export, by the column names of the hub's legacy map (`legacy-cost-map.json`). */
export type LegacyRow = Record<string, string>;

/** The month a pair of legacy exports (actual and amortized cost) describes. */
export interface LegacyMonthOptions {
    /** `YYYY-MM`. */
    month: string;
    agreement: Agreement;
    /** Days with usage, from the 1st (at most 28). */
    days: number;
    /** EA enrollment number, or MCA billing account id. */
    billingAccountId: string;
    subscriptionId: string;
    /** Adds a Foundry Models token meter (gpt-4o input, per 1K tokens) to every day. */
    ai?: boolean;
    /** `us` writes dates as M/D/YYYY (EA portal exports), `iso` as YYYY-MM-DD. */
    dateStyle?: 'us' | 'iso';
}

/** The rows of both exports of one month, consistent with each other as Cost Management's are. */
export interface LegacyMonth {
    actual: LegacyRow[];
    amortized: LegacyRow[];
}

/** What a charge needs from a schema to be expressed at all (older schemas cannot show commitments). */
type Needs = 'ChargeType' | 'Reservation' | 'SavingsPlan';

interface Charge {
    needs: Needs[];
    /** Which export shows the row: covered usage shows in both, at cost 0 in actual cost. */
    in: 'both' | 'actual' | 'amortized';
    fields: LegacyRow;
    quantity: string;
    /** Price per UnitOfMeasure block, in the pricing currency. */
    price: string;
    /** The actual export's price and cost for usage a commitment covers: 0. */
    coveredInActual?: boolean;
    /** Quantity counted in raw units, so cost = quantity × price × this (1 ÷ block size): a quirk the hub notices. */
    perRawUnit?: string;
    /** A cost that fits neither reading of the quantity (flagged by the hub). */
    odd?: string;
    payGPrice?: string;
    unitPrice?: string;
}

/** MCA rates in US dollars and bills in euros at this rate; EA bills and prices in US dollars. */
const MCA_RATE = '0.9';

/**
 * Deterministic rows of one month's legacy actual and amortized cost: on-demand usage (hours, 10K-operation blocks,
 * monthly disks, optionally AI tokens), usage covered by a reservation and by a savings plan (0 in actual cost,
 * amortized in amortized cost), their purchases and a refund (actual cost only), unused reservation hours (amortized
 * only), a row whose quantity counts raw units and one whose cost fits no quantity reading. Σ amortized cost − Σ
 * actual cost = amortized commitment use − commitment purchases, exactly, as in real exports.
 */
export function legacyMonth(options: LegacyMonthOptions): LegacyMonth {
    const charges: { day: number; charge: Charge }[] = [];
    for (let day = 1; day <= options.days; day++) {
        for (const charge of dailyCharges(options)) charges.push({ day, charge });
    }
    for (const charge of monthlyCharges(options)) charges.push({ day: options.days, charge });
    const rows = charges.map(({ day, charge }) => ({
        charge,
        row: (actual: boolean) => toRow(options, day, charge, actual),
    }));
    return {
        actual: rows.filter(({ charge }) => charge.in !== 'amortized').map(({ row }) => row(true)),
        amortized: rows.filter(({ charge }) => charge.in !== 'actual').map(({ row }) => row(false)),
    };
}

/** Which charges a schema with these legacy map columns can express. */
export function expressible(row: LegacyRow, columns: ReadonlySet<string>): boolean {
    const needs = (row.hub_needs ?? '').split(',').filter((need) => need !== '');
    return needs.every((need) =>
        need === 'ChargeType'
            ? columns.has('ChargeType')
            : need === 'Reservation'
              ? columns.has('PricingModel') || columns.has('ReservationId')
              : columns.has('PricingModel') || columns.has('BenefitId'),
    );
}

function dailyCharges(options: LegacyMonthOptions): Charge[] {
    const rg = `/subscriptions/${options.subscriptionId}/resourceGroups/rg-app/providers`;
    const charges: Charge[] = [
        {
            needs: [],
            in: 'both',
            quantity: '24',
            price: '0.11',
            fields: {
                ...vm(rg, 'vm-app-01', 'D2 v3/D2s v3', 'Virtual Machines Dv3 Series - D2 v3 - US East'),
                Tags: '"CostCenter": "1234","env": "prod","application": "shop"',
            },
        },
        {
            needs: [],
            in: 'both',
            quantity: '0.0047',
            price: '0.05',
            fields: {
                ...storage(rg, 'LRS Write Operations'),
                UnitOfMeasure: '10K',
                Tags: '"CostCenter": "1234","env": "prod"',
            },
        },
        {
            needs: [],
            in: 'both',
            quantity: '0.032258',
            price: '19.71',
            fields: {
                ...meter('Storage', 'Premium SSD Managed Disks', 'P10 LRS Disk', 'Microsoft.Compute'),
                ProductName: 'Premium SSD Managed Disks - P10 LRS - US East',
                ResourceId: `${rg}/Microsoft.Compute/disks/vm-app-01-os`,
                UnitOfMeasure: '1/Month',
                Tags: '"env": "prod"',
            },
        },
        {
            needs: [],
            in: 'both',
            quantity: '47',
            perRawUnit: '0.0001',
            price: '0.02',
            fields: { ...storage(rg, 'Standard Transactions'), UnitOfMeasure: '10K' },
        },
        {
            needs: ['ChargeType', 'Reservation'],
            in: 'both',
            coveredInActual: true,
            quantity: '8',
            price: '0.061644',
            unitPrice: '0.146',
            payGPrice: '0.17',
            fields: {
                ...vm(rg, 'vm-db-01', 'D2 v2/DS2 v2', 'Virtual Machines Dv2/DSv2 Series - D2 v2/DS2 v2 - US East'),
                ...reservation(),
                PricingModel: 'Reservation',
                Tags: '"CostCenter": "5678","env": "prod"',
            },
        },
        {
            needs: ['ChargeType', 'SavingsPlan'],
            in: 'both',
            coveredInActual: true,
            quantity: '10',
            price: '0.0187',
            unitPrice: '0.0416',
            payGPrice: '0.0416',
            fields: {
                ...vm(rg, 'vm-batch-01', 'B2s', 'Virtual Machines BS Series - B2s - US East'),
                ...savingsPlan(),
                PricingModel: 'SavingsPlan',
                Tags: '"cost-center": "5678","environment": "dev"',
            },
        },
    ];
    if (options.ai) {
        charges.push({
            needs: [],
            in: 'both',
            quantity: '1500',
            price: '0.005',
            fields: {
                ...meter(
                    'Foundry Models',
                    'Azure OpenAI',
                    'gpt 4o 0513 Input global Tokens',
                    'Microsoft.CognitiveServices',
                ),
                ProductName: 'Azure OpenAI - gpt 4o 0513 Input global Tokens - Global',
                ResourceId: `${rg}/Microsoft.CognitiveServices/accounts/ai-shop`,
                UnitOfMeasure: '1K',
                Tags: '"CostCenter": "1234","app": "chatbot"',
            },
        });
    }
    return charges;
}

function monthlyCharges(options: LegacyMonthOptions): Charge[] {
    const rg = `/subscriptions/${options.subscriptionId}/resourceGroups/rg-app/providers`;
    const capacity = '/providers/Microsoft.Capacity/reservationOrders/9f0e6d3c-4b2a-4c1d-8e7f-5a6b7c8d9e0f';
    const purchase = (id: string, fields: LegacyRow): LegacyRow => ({
        ...fields,
        ChargeType: 'Purchase',
        Frequency: 'Recurring',
        UnitOfMeasure: '1 Hour',
        ResourceId: id,
        ResourceName: '',
    });
    return [
        {
            needs: ['ChargeType', 'Reservation'],
            in: 'actual',
            quantity: '1',
            price: '44.5',
            fields: purchase(`${capacity}/reservations/`, {
                ...reservation(),
                ...meter('', '', '', 'Microsoft.Capacity'),
                ProductName: 'Reserved VM Instance, Standard_D2_v2, US East, 1 Year',
                PricingModel: 'Reservation',
            }),
        },
        {
            needs: ['ChargeType', 'SavingsPlan'],
            in: 'actual',
            quantity: '1',
            price: '30',
            fields: purchase(savingsPlan().BenefitId ?? '', {
                ...savingsPlan(),
                ...meter('', '', '', 'Microsoft.BillingBenefits'),
                ProductName: 'Compute savings plan, 1 Year',
                PricingModel: 'SavingsPlan',
            }),
        },
        {
            needs: ['ChargeType', 'Reservation'],
            in: 'actual',
            quantity: '-1',
            price: '12.25',
            fields: {
                ...purchase(`${capacity}/reservations/`, {
                    ...reservation(),
                    ...meter('', '', '', 'Microsoft.Capacity'),
                    ProductName: 'Reserved VM Instance, Standard_D2_v2, US East, 1 Year',
                    PricingModel: 'Reservation',
                }),
                ChargeType: 'Refund',
                Frequency: 'OneTime',
            },
        },
        {
            needs: ['ChargeType', 'Reservation'],
            in: 'amortized',
            quantity: '2',
            price: '0.061644',
            unitPrice: '0.146',
            payGPrice: '0',
            fields: {
                ...meter('Virtual Machines', 'Dv2/DSv2 Series', 'D2 v2/DS2 v2', 'Microsoft.Capacity'),
                ...reservation(),
                ProductName: 'Virtual Machines Dv2/DSv2 Series - D2 v2/DS2 v2 - US East',
                ChargeType: 'UnusedReservation',
                PricingModel: 'Reservation',
                UnitOfMeasure: '1 Hour',
                ResourceId: `${capacity}/reservations/${reservation().ReservationId ?? ''}`,
                ResourceName: '',
            },
        },
        {
            needs: [],
            in: 'both',
            quantity: '3',
            odd: '99',
            price: '0.5',
            fields: {
                ...meter('Virtual Machines', 'Dev/Test', 'Dev Box Hours', 'Microsoft.Compute'),
                ProductName: 'Dev Box - 100 Hours - US East',
                ResourceId: `${rg}/Microsoft.Compute/virtualMachines/vm-dev-01`,
                UnitOfMeasure: '100 Hours',
            },
        },
    ];
}

function meter(category: string, subcategory: string, name: string, consumedService: string): LegacyRow {
    return {
        MeterCategory: category,
        MeterSubCategory: subcategory,
        MeterName: name,
        MeterId: name === '' ? '' : `00000000-0000-4000-8000-${hash(name).padStart(12, '0')}`,
        MeterRegion: name === '' ? '' : 'US East',
        ConsumedService: consumedService,
        ServiceFamily:
            category === 'Storage' ? 'Storage' : category === 'Foundry Models' ? 'AI + Machine Learning' : 'Compute',
    };
}

function vm(rg: string, name: string, meterName: string, product: string): LegacyRow {
    return {
        ...meter('Virtual Machines', meterName.split(' ')[0] ?? '', meterName, 'Microsoft.Compute'),
        ProductName: product,
        ResourceId: `${rg}/Microsoft.Compute/virtualMachines/${name}`,
        UnitOfMeasure: '1 Hour',
        AdditionalInfo: '{"ServiceType":"Standard_D2s_v3","VCPUs":2,"UsageType":"ComputeHR"}',
    };
}

function storage(rg: string, meterName: string): LegacyRow {
    return {
        ...meter('Storage', 'Tiered Block Blob', meterName, 'Microsoft.Storage'),
        ProductName: `Tiered Block Blob - ${meterName} - US East`,
        ResourceId: `${rg}/Microsoft.Storage/storageAccounts/stapp01`,
    };
}

function reservation(): LegacyRow {
    const order = '9f0e6d3c-4b2a-4c1d-8e7f-5a6b7c8d9e0f';
    const id = '1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d';
    return {
        ReservationId: id,
        ReservationName: 'VM_RI_D2v2_EastUS',
        ProductOrderId: order,
        ProductOrderName: 'Reserved VM Instance, Standard_D2_v2, US East, 1 Year',
        BenefitId: `/providers/Microsoft.Capacity/reservationOrders/${order}/reservations/${id}`,
        BenefitName: 'VM_RI_D2v2_EastUS',
        Term: '12',
    };
}

function savingsPlan(): LegacyRow {
    const order = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
    return {
        ProductOrderId: order,
        ProductOrderName: 'Compute savings plan, 1 Year',
        BenefitId: `/providers/Microsoft.BillingBenefits/savingsPlanOrders/${order}/savingsPlans/3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f`,
        BenefitName: 'Compute_SavingsPlan_1Y',
        Term: '12',
    };
}

function toRow(options: LegacyMonthOptions, day: number, charge: Charge, actual: boolean): LegacyRow {
    const covered = actual && charge.coveredInActual === true;
    const price = covered ? '0' : charge.price;
    const pricingCost = charge.odd ?? decimalProduct(charge.quantity, price, charge.perRawUnit ?? '1');
    const mca = options.agreement === 'MCA';
    const rate = mca ? MCA_RATE : '1';
    const cost = decimalProduct(pricingCost, rate);
    const payG = charge.payGPrice ?? charge.unitPrice ?? price;
    const [year, month] = options.month.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = (d: number) =>
        options.dateStyle === 'iso'
            ? `${options.month}-${String(d).padStart(2, '0')}`
            : `${String(month).padStart(2, '0')}/${String(d).padStart(2, '0')}/${year}`;
    const row: LegacyRow = {
        BillingAccountId: options.billingAccountId,
        BillingAccountName: mca ? 'Contoso MCA' : 'Contoso EA',
        BillingProfileId: mca ? 'AB12-CD34-EF5-GH6' : options.billingAccountId,
        BillingProfileName: mca ? 'Contoso Billing Profile' : 'Contoso EA',
        AccountName: mca ? '' : 'Contoso Cloud Team',
        AccountOwnerId: mca ? '' : 'cloud@contoso.example',
        InvoiceSectionId: mca ? 'IJ78-KL9M-NOP-QRS' : '112233',
        InvoiceSectionName: mca ? 'Contoso Apps' : 'Apps',
        CostCenter: '1234',
        SubscriptionId: options.subscriptionId,
        SubscriptionName: 'Contoso Apps Prod',
        ResourceGroup: 'rg-app',
        ResourceLocation: 'EastUS',
        LocationNormalized: 'US East',
        Date: date(day),
        BillingPeriodStartDate: date(1),
        BillingPeriodEndDate: date(lastDay),
        ServicePeriodStartDate: date(1),
        ServicePeriodEndDate: date(lastDay),
        OfferId: mca ? '' : 'MS-AZR-0017P',
        PublisherType: mca ? 'Microsoft' : 'Azure',
        PublisherName: 'Microsoft',
        IsAzureCreditEligible: 'True',
        ChargeType: 'Usage',
        Frequency: 'UsageBased',
        PricingModel: 'OnDemand',
        PartNumber: 'AAA-00001',
        ...charge.fields,
        Quantity: charge.quantity,
        EffectivePrice: price,
        UnitPrice: charge.unitPrice ?? price,
        PayGPrice: payG,
        Cost: cost,
        BillingCurrency: mca ? 'EUR' : 'USD',
        hub_needs: charge.needs.join(','),
    };
    if (row.ResourceName === undefined) row.ResourceName = (row.ResourceId ?? '').split('/').pop() ?? '';
    if (mca) {
        Object.assign(row, {
            InvoiceId: `G${options.month.replace('-', '')}0001`,
            ProductId: `DZH318Z0${hash(row.MeterName ?? '')
                .slice(0, 4)
                .toUpperCase()}`,
            PricingCurrency: 'USD',
            CostInPricingCurrency: pricingCost,
            CostInUsd: pricingCost,
            PaygCostInBillingCurrency: decimalProduct(charge.quantity, payG, charge.perRawUnit ?? '1', rate),
            PaygCostInUsd: decimalProduct(charge.quantity, payG, charge.perRawUnit ?? '1'),
            ExchangeRate: rate,
            ExchangeRateDate: date(1),
        });
    }
    return row;
}

/** A short, stable hex digest of a name (for made-up meter ids). */
function hash(text: string): string {
    let value = 2166136261;
    for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
    return value.toString(16);
}

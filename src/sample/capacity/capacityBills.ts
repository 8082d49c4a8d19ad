import { decimalProduct } from '../legacy/decimalProduct';
import {
    ACCOUNT,
    ACCOUNT_ID,
    dataZonePtus,
    GLOBAL_PTUS,
    hoursOfDay,
    hourUsage,
    RESERVATION,
    STANDARD,
} from './capacityScenario';
import { base, type FocusRow, METERS, priced } from './focusRows';

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

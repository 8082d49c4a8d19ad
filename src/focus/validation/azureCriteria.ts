/**
 * Applicability criteria that hold for Microsoft Azure (Cost Management FOCUS exports): what the provider supports,
 * not what a given export happens to contain. Left out: more than one SubAccountType (Azure has only `Subscription`)
 * and virtual currencies (Azure bills and prices in national currencies).
 */
export const azureCriteria: readonly string[] = [
    'ACCOUNT_NAMING_SUPPORTED',
    'AVAILABILITY_ZONE_SUPPORTED',
    'BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED',
    'CAPACITY_RESERVATION_SUPPORTED',
    'COMMITMENT_DISCOUNT_SUPPORTED',
    'MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED',
    'MULTIPLE_PRICING_CATEGORIES_SUPPORTED',
    'NEGOTIATED_PRICING_SUPPORTED',
    'PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED',
    'PUBLIC_PRICE_LIST_SUPPORTED',
    'REGION_SUPPORTED',
    'RESOURCE_TYPE_ASSIGNMENT_SUPPORTED',
    'SUB_ACCOUNT_SUPPORTED',
    'TAGGING_SUPPORTED',
    'UNIT_PRICING_SUPPORTED',
    'USAGE_MEASUREMENT_SUPPORTED',
];

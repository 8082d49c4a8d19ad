import { InputError } from '../errors';

/** The billing identity behind an export scope, as the generated rows carry it. */
export interface ExportScope {
    /** The subscription GUID for a subscription scope; null for a billing account (rows spread over several). */
    subscriptionId: string | null;
    /** Raw billing account id (`BillingAccountId` is `/providers/Microsoft.Billing/billingAccounts/<this>`). */
    billingAccountId: string;
    billingAccountName: string;
    /** MCA billing profile id (a billing profile scope), else the billing account id (EA: the enrollment). */
    billingProfileId: string;
}

/** The enterprise agreement a subscription-scoped sample belongs to. */
const DEFAULT_BILLING_ACCOUNT = '81234567';
const BILLING_ACCOUNT_NAME = 'Contoso Ltd';

/**
 * Reads `/subscriptions/<guid>`, `/providers/Microsoft.Billing/billingAccounts/<id>` or
 * `/providers/Microsoft.Billing/billingAccounts/<id>/billingProfiles/<id>`; anything else is a UsageError.
 */
export function parseExportScope(scope: string): ExportScope {
    const subscription = /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
        scope,
    );
    if (subscription?.[1] !== undefined) {
        return {
            subscriptionId: subscription[1].toLowerCase(),
            billingAccountId: DEFAULT_BILLING_ACCOUNT,
            billingAccountName: BILLING_ACCOUNT_NAME,
            billingProfileId: DEFAULT_BILLING_ACCOUNT,
        };
    }
    const account =
        /^\/providers\/Microsoft\.Billing\/billingAccounts\/([A-Za-z0-9:_-]+)(\/billingProfiles\/([A-Za-z0-9_-]+))?$/.exec(
            scope,
        );
    if (account?.[1] !== undefined) {
        return {
            subscriptionId: null,
            billingAccountId: account[1],
            billingAccountName: BILLING_ACCOUNT_NAME,
            billingProfileId: account[3] ?? account[1],
        };
    }
    throw new InputError(
        'UsageError',
        `Sample export scope ${JSON.stringify(scope)} is neither /subscriptions/<guid> nor ` +
            '/providers/Microsoft.Billing/billingAccounts/<id>[/billingProfiles/<id>]',
    );
}

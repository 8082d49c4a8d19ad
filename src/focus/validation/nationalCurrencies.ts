/** ISO 4217 codes that are not a national currency: precious metals, SDR, SUCRE, test and "no currency" codes, funds. */
const NOT_NATIONAL = new Set([
    'XAG',
    'XAU',
    'XBA',
    'XBB',
    'XBC',
    'XBD',
    'XDR',
    'XPD',
    'XPT',
    'XSU',
    'XTS',
    'XUA',
    'XXX',
    'BOV',
    'CHE',
    'CHW',
    'CLF',
    'COU',
    'MXV',
    'USN',
    'UYI',
    'UYW',
]);

let cached: string[] | undefined;

/** The ISO 4217 national currency codes known to the runtime's ICU data (e.g. `USD`, `EUR`, `XOF`). */
export function nationalCurrencies(): string[] {
    cached ??= Intl.supportedValuesOf('currency').filter((code) => /^[A-Z]{3}$/.test(code) && !NOT_NATIONAL.has(code));
    return cached;
}

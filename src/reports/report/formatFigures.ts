/** How the report writes figures: amounts in the billing currency, from exact decimal text (never via a double). */
export interface FigureFormat {
    /** An amount, in the currency's own minor units (USD: 2 decimals). */
    money: (value: string) => string;
    /** A price per 1M tokens, up to 4 decimals. */
    unitPrice: (value: string | null) => string;
    /** A token count, whole. */
    tokens: (value: string) => string;
    /** A share in percent, as DuckDB rounded it. */
    share: (value: string | null) => string;
}

export const REPORT_LOCALE = 'en-US';

/** Formatters for `currency` (ISO 4217); the browser test uses the same ones to check what the report shows. */
export function figureFormat(currency: string, locale = REPORT_LOCALE): FigureFormat {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const price = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 4 });
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const exact = (value: string) => value as Intl.StringNumericLiteral;
    return {
        money: (value) => money.format(exact(value)),
        unitPrice: (value) => (value === null ? '–' : price.format(exact(value))),
        tokens: (value) => count.format(exact(value)),
        share: (value) => (value === null ? '–' : `${value} %`),
    };
}

import { z } from 'zod';

import { loadAsset } from '../loadAsset';
import type { CheckNode } from './focusModel';

/** A correction of one model rule: skip it, or evaluate it with a replacement Requirement and/or Condition. */
export interface RuleOverride {
    Reason: string;
    Skip?: boolean;
    Requirement?: CheckNode;
    Condition?: CheckNode;
}

/** How the check functions behave; the defaults read the model as the reference validator does. */
export interface CheckSettings {
    /** FormatString rejects non-ASCII characters. */
    asciiOnly: boolean;
    /** ColumnByColumnEqualsColumnValue allows |A × B − C| ≤ max(absolute, relative × |C|); 0 and 0 = exact. */
    absoluteTolerance: number;
    relativeTolerance: number;
}

export interface RuleOverrides {
    rules: ReadonlyMap<string, RuleOverride>;
    settings: CheckSettings;
    /** Why a check function behaves differently from the reference validator, by function name. */
    functionReasons: ReadonlyMap<string, string>;
}

export const referenceCheckSettings: CheckSettings = { asciiOnly: true, absoluteTolerance: 0, relativeTolerance: 0 };

const overridesFile = z.object({
    Rules: z.record(
        z.string(),
        z.object({
            Reason: z.string().min(1),
            Skip: z.boolean().optional(),
            Requirement: z.looseObject({}).optional(),
            Condition: z.looseObject({}).optional(),
        }),
    ),
    CheckFunctions: z.object({
        ColumnByColumnEqualsColumnValue: z
            .object({
                Reason: z.string().min(1),
                AbsoluteTolerance: z.number().min(0),
                RelativeTolerance: z.number().min(0),
            })
            .optional(),
        FormatString: z.object({ Reason: z.string().min(1), AsciiOnly: z.boolean() }).optional(),
    }),
});

/** Parses an overrides file's JSON text. */
export function parseRuleOverrides(json: string): RuleOverrides {
    const file = overridesFile.parse(JSON.parse(json));
    const product = file.CheckFunctions.ColumnByColumnEqualsColumnValue;
    const formatString = file.CheckFunctions.FormatString;
    const functionReasons = new Map<string, string>();
    if (product) functionReasons.set('ColumnByColumnEqualsColumnValue', product.Reason);
    if (formatString) functionReasons.set('FormatString', formatString.Reason);
    return {
        rules: new Map(Object.entries(file.Rules) as [string, RuleOverride][]),
        settings: {
            asciiOnly: formatString?.AsciiOnly ?? referenceCheckSettings.asciiOnly,
            absoluteTolerance: product?.AbsoluteTolerance ?? referenceCheckSettings.absoluteTolerance,
            relativeTolerance: product?.RelativeTolerance ?? referenceCheckSettings.relativeTolerance,
        },
        functionReasons,
    };
}

/** The hub's overrides (`data/focus-rule-overrides.json`). */
export function loadRuleOverrides(): RuleOverrides {
    return parseRuleOverrides(loadAsset('data/focus-rule-overrides.json'));
}

/** No overrides: the model exactly as written. */
export const noOverrides: RuleOverrides = {
    rules: new Map(),
    settings: referenceCheckSettings,
    functionReasons: new Map(),
};

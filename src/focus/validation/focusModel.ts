import { z } from 'zod';

import { loadAsset } from '../loadAsset';

/**
 * One node of a rule's Requirement or Condition: a check function and its arguments. `{}` means "no check" (all rows);
 * a node with keys but no `CheckFunction` is malformed and is reported, never guessed at.
 */
export interface CheckNode {
    CheckFunction?: string;
    ColumnName?: string;
    ColumnAName?: string;
    ColumnBName?: string;
    ResultColumnName?: string;
    Value?: string | number | null;
    ExpectedCount?: number;
    ModelRuleId?: string;
    Items?: CheckNode[];
    [argument: string]: unknown;
}

const checkNode: z.ZodType<CheckNode> = z.lazy(() =>
    z.looseObject({
        CheckFunction: z.string().optional(),
        ColumnName: z.string().optional(),
        ColumnAName: z.string().optional(),
        ColumnBName: z.string().optional(),
        ResultColumnName: z.string().optional(),
        Value: z.union([z.string(), z.number(), z.null()]).optional(),
        ExpectedCount: z.number().optional(),
        ModelRuleId: z.string().optional(),
        Items: z.array(checkNode).optional(),
    }),
);

const modelRule = z.object({
    Function: z.string(),
    Reference: z.string(),
    EntityType: z.string(),
    Type: z.enum(['Static', 'Dynamic']),
    ApplicabilityCriteria: z.array(z.string()),
    ValidationCriteria: z.object({
        MustSatisfy: z.string(),
        Keyword: z.string(),
        Requirement: checkNode,
        Condition: checkNode,
        Dependencies: z.array(z.string()),
    }),
});

const focusModelFile = z.object({
    Details: z.object({ ModelVersion: z.string(), FOCUSVersion: z.string() }),
    ApplicabilityCriteria: z.record(z.string(), z.object({ Description: z.string() })),
    CheckFunctions: z.record(z.string(), z.object({ Arguments: z.array(z.string()) })),
    ModelDatasets: z.record(z.string(), z.object({ ModelRules: z.array(z.string()) })),
    ModelRules: z.record(z.string(), modelRule),
});

/** A rule of the model, as written in the file. */
export type ModelRule = z.infer<typeof modelRule>;

/** The FinOps Foundation FOCUS requirements model, typed. */
export interface FocusModel {
    focusVersion: string;
    /** Applicability criterion names (e.g. `TAGGING_SUPPORTED`). */
    criteria: string[];
    /** Dataset root rules first (`CostAndUsage-D-000-M`), then every other rule no rule refers to. */
    roots: string[];
    rules: ReadonlyMap<string, ModelRule>;
}

/** Parses a model file's JSON text. */
export function parseFocusModel(json: string): FocusModel {
    const file = focusModelFile.parse(JSON.parse(json));
    const rules = new Map(Object.entries(file.ModelRules));
    const referenced = new Set<string>();
    for (const rule of rules.values()) {
        for (const id of childRuleIds(rule.ValidationCriteria.Requirement)) referenced.add(id);
    }
    const datasetRoots = Object.values(file.ModelDatasets).flatMap((dataset) => dataset.ModelRules);
    const otherRoots = [...rules.keys()].filter((id) => !referenced.has(id) && !datasetRoots.includes(id));
    return {
        focusVersion: file.Details.FOCUSVersion,
        criteria: Object.keys(file.ApplicabilityCriteria),
        roots: [...datasetRoots, ...otherRoots],
        rules,
    };
}

let bundledModel: FocusModel | undefined;

/** The FOCUS 1.2 model shipped with the hub (`data/focus-model-1.2.json`). */
export function loadFocusModel(): FocusModel {
    // Parsed once per process: every validated part reads the same 600 KB model, and nothing changes it.
    return (bundledModel ??= parseFocusModel(loadAsset('data/focus-model-1.2.json')));
}

/** Ids of the rules a Requirement refers to through `CheckModelRule`, at any depth of AND/OR. */
export function childRuleIds(node: CheckNode): string[] {
    if (node.CheckFunction === 'CheckModelRule' && node.ModelRuleId !== undefined) return [node.ModelRuleId];
    return (node.Items ?? []).flatMap(childRuleIds);
}

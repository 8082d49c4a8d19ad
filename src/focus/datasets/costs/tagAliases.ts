import { z } from 'zod';

import { PipelineError } from '../../../errors';
import { loadAsset } from '../../loadAsset';

/** The tag columns appended to every Costs row, last, in this order. */
export const TAG_COLUMNS = ['x_TagCostCenter', 'x_TagEnvironment', 'x_TagApplication'] as const;

export type TagColumn = (typeof TAG_COLUMNS)[number];

const [COST_CENTER, ENVIRONMENT, APPLICATION] = TAG_COLUMNS;

/** The tag columns in the order reports and root causes show them: cost center, application, environment. */
export const REPORTED_TAG_COLUMNS = [COST_CENTER, APPLICATION, ENVIRONMENT] as const;

/** Tag keys (matched case-insensitively, surrounding spaces ignored) per tag column; earlier aliases win. */
export type TagAliases = Record<TagColumn, string[]>;

const aliasList = z.array(z.string().trim().min(1)).min(1);

const aliasesSchema = z.strictObject(
    Object.fromEntries(TAG_COLUMNS.map((column) => [column, aliasList.optional()])) as Record<
        TagColumn,
        z.ZodOptional<typeof aliasList>
    >,
);

/** The bundled aliases (`data/tag-aliases.json`). */
export function defaultTagAliases(): TagAliases {
    return parseTagAliases(loadAsset('data/tag-aliases.json', __dirname), 'data/tag-aliases.json', emptyAliases());
}

/**
 * Reads aliases from JSON text such as the `HUB_TAG_ALIASES` app setting, e.g. `{"x_TagCostCenter":["kostenstelle"]}`:
 * each column listed replaces that column's aliases, columns left out keep `base`. Aliases are compared in lower case;
 * one alias may feed only one column. Throws `ConfigInvalid` naming `source` when the text does not fit.
 */
export function parseTagAliases(text: string, source: string, base: TagAliases = defaultTagAliases()): TagAliases {
    let parsed: z.infer<typeof aliasesSchema>;
    try {
        parsed = aliasesSchema.parse(JSON.parse(text));
    } catch (error) {
        throw new PipelineError(
            'ConfigInvalid',
            `${source} must be a JSON object mapping ${TAG_COLUMNS.join(', ')} to non-empty lists of tag keys: ${error instanceof Error ? error.message : String(error)}`,
            false,
            { cause: error },
        );
    }
    const aliases = { ...base };
    for (const column of TAG_COLUMNS) {
        const list = parsed[column];
        if (list) aliases[column] = [...new Set(list.map((alias) => alias.toLowerCase()))];
    }
    const owners = new Map<string, TagColumn>();
    for (const column of TAG_COLUMNS) {
        for (const alias of aliases[column]) {
            const owner = owners.get(alias);
            if (owner !== undefined && owner !== column) {
                throw new PipelineError(
                    'ConfigInvalid',
                    `${source}: tag key "${alias}" is listed for both ${owner} and ${column}.`,
                );
            }
            owners.set(alias, column);
        }
    }
    return aliases;
}

function emptyAliases(): TagAliases {
    return Object.fromEntries(TAG_COLUMNS.map((column) => [column, [] as string[]])) as TagAliases;
}

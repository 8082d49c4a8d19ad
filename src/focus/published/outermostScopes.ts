import { PublishedFolder } from './publishedFolder';

/**
 * Drops every folder whose scope sits inside another listed scope folder of the same dataset and month (a billing
 * profile inside its billing account): the outer scope's export already holds those costs.
 */
export function outermostScopes(folders: readonly PublishedFolder[]): PublishedFolder[] {
    return folders.filter(
        (folder) =>
            !folders.some(
                (outer) =>
                    outer.dataset === folder.dataset &&
                    outer.month === folder.month &&
                    folder.scope.startsWith(`${outer.scope}/`),
            ),
    );
}

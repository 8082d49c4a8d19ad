import { InputError } from '../errors';
import { FolderManifest } from '../focus/folderManifest';
import { FOLDER_MANIFEST } from '../focus/layout';
import { RunRef, sameRun } from '../focus/runRef';
import { ObjectStore } from './ports';
import { readManifestOf } from './readPublishedFolder';

/**
 * Whether `folder` is exactly what `run` built: a manifest.json naming the run, and beside it exactly the files the
 * manifest lists (sub-folders, the folders of nested scopes, are not looked at). What a swap requires of the staged
 * folder before it moves anything, and of the target after an install someone else may have done.
 */
export async function checkFolder(
    store: ObjectStore,
    folder: string,
    run: RunRef,
): Promise<{ manifest: FolderManifest } | { problem: string }> {
    let manifest: FolderManifest | undefined;
    try {
        manifest = await readManifestOf(store, folder);
    } catch (error) {
        if (error instanceof InputError) return { problem: `${folder} holds a manifest.json that is not the hub's` };
        throw error;
    }
    if (!manifest) return { problem: `${folder} has no manifest.json (it is missing or was emptied)` };
    const named = { scope: manifest.scope ?? '', runId: manifest.runId };
    if (!sameRun(named, run)) return { problem: `${folder} holds run ${manifest.runId} of ${named.scope}` };
    const present = (await store.list(`${folder}/`))
        .map((name) => name.slice(folder.length + 1))
        .filter((name) => !name.includes('/') && name !== FOLDER_MANIFEST)
        .sort();
    const listed = manifest.files.map((file) => file.name).sort();
    if (present.join('\n') !== listed.join('\n')) {
        return { problem: `${folder} holds ${present.length} file(s), not the ${listed.length} its manifest lists` };
    }
    return { manifest };
}

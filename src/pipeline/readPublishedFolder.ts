import { InputError } from '../errors';
import { FolderManifest, manifestFiles, readFolderManifest } from '../focus/folderManifest';
import { FOLDER_MANIFEST } from '../focus/layout';
import { ObjectStore, PublishedSource } from './ports';
import { ReleaseFile } from './release';

/** The manifest of `folder`, or undefined when it has none; a manifest that is not the hub's throws ManifestInvalid. */
export async function readManifestOf(store: ObjectStore, folder: string): Promise<FolderManifest | undefined> {
    const name = `${folder}/${FOLDER_MANIFEST}`;
    try {
        return readFolderManifest(await store.readText(name), name);
    } catch (error) {
        if (error instanceof InputError && error.code === 'PartMissing') return undefined;
        throw error;
    }
}

/** The files and source runs of the dataset folder as published now; nothing when it has no (readable) manifest. */
export async function readPublishedFolder(
    store: ObjectStore,
    folder: string,
): Promise<{ folder: string; files: ReleaseFile[]; sources: PublishedSource[] }> {
    const manifest = await readManifestOf(store, folder).catch((error: unknown) => {
        if (error instanceof InputError && error.code === 'ManifestInvalid') return undefined;
        throw error;
    });
    return { folder, files: manifest ? manifestFiles(manifest) : [], sources: manifest?.sources ?? [] };
}

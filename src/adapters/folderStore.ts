import { randomBytes } from 'node:crypto';
import { constants, createWriteStream, type Dirent } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve, sep, win32 } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { InputError, PipelineError, TransientError } from '../errors';
import type { MoveResult, ObjectStore } from '../pipeline/ports';

/** Files being written are named with this prefix beside their target; `list` never reports them. */
const TEMP_PREFIX = '.finops-hub-tmp-';

/**
 * An ObjectStore over a local folder, used by the CLI in place of a container. Object names use `/` and must resolve
 * inside the folder, also after following symbolic links (a part linked to a file elsewhere is refused). Writes go to a
 * temporary file in the target folder and are renamed into place, so readers see the old or the new object, never a
 * partial one; folders move with one rename, never over a folder that holds anything.
 */
export function createFolderStore(rootDir: string): ObjectStore {
    const root = resolve(rootDir);

    const pathOf = (name: string): string => {
        const segments = name.split('/');
        const hostile =
            name === '' ||
            /[\\\0]/.test(name) ||
            posix.isAbsolute(name) ||
            win32.isAbsolute(name) ||
            segments.some((segment) => segment === '' || segment === '.' || segment === '..');
        const full = resolve(root, ...segments);
        const inside = relative(root, full);
        if (hostile || inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
            throw new InputError('BlobOutsideContainer', `Object name "${name}" is not a plain path inside ${root}.`);
        }
        return full;
    };

    /** The real path of an existing object, refused when a symbolic link leads it out of the folder. */
    const realPathOf = async (name: string): Promise<string> => {
        const [real, realRoot] = await Promise.all([realpath(pathOf(name)), realpath(root)]);
        const inside = relative(realRoot, real);
        if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
            throw new InputError(
                'BlobOutsideContainer',
                `Object "${name}" links to ${real}, outside ${root}; parts must be files inside the exports folder.`,
            );
        }
        return real;
    };

    const missing = (name: string, error: unknown) =>
        new InputError('PartMissing', `Object ${name} does not exist in folder ${root}.`, false, { cause: error });

    /** Runs a file-system call: missing files become `PartMissing` when `readName` is given, others `StorageUnavailable`. */
    async function fsCall<T>(action: string, name: string, work: () => Promise<T>, readName?: string): Promise<T> {
        try {
            return await work();
        } catch (error) {
            if (error instanceof PipelineError) throw error;
            if (readName !== undefined && isMissing(error)) throw missing(readName, error);
            const reason = error instanceof Error ? error.message : String(error);
            throw new TransientError('StorageUnavailable', `Could not ${action} ${name} in folder ${root}: ${reason}`, {
                cause: error,
            });
        }
    }

    /** Writes a new file beside `target` with `write`, then renames it over `target`. */
    async function replace(target: string, write: (tempPath: string) => Promise<void>): Promise<void> {
        await mkdir(dirname(target), { recursive: true });
        const temp = join(dirname(target), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
        try {
            await write(temp);
            await rename(temp, target);
        } catch (error) {
            await rm(temp, { force: true });
            throw error;
        }
    }

    return {
        location: root,
        readText: (name) => fsCall('read', name, async () => readFile(await realPathOf(name), 'utf8'), name),
        download: (name, localPath) =>
            fsCall('download', name, async () => {
                const real = await realPathOf(name).catch((error: unknown) => {
                    throw isMissing(error) ? missing(name, error) : error;
                });
                const source = await open(real, 'r').catch((error: unknown) => {
                    throw isMissing(error) ? missing(name, error) : error;
                });
                if (!(await source.stat()).isFile()) {
                    await source.close();
                    throw missing(name, undefined);
                }
                await pipeline(source.createReadStream(), createWriteStream(localPath));
            }),
        upload: (localPath, name) =>
            fsCall('upload', name, () => replace(pathOf(name), (temp) => copyFile(localPath, temp))),
        writeText: (name, text) =>
            fsCall('write', name, () => replace(pathOf(name), (temp) => writeFile(temp, text, 'utf8'))),
        copy: (fromName, toName) =>
            fsCall('copy', `${fromName} to ${toName}`, async () => {
                const [from, to] = [pathOf(fromName), pathOf(toName)];
                if ((await fileSize(from)) === undefined) throw missing(fromName, undefined);
                // A copy-on-write clone where the file system has them (btrfs, XFS, APFS), a byte copy elsewhere.
                await replace(to, (temp) => copyFile(from, temp, constants.COPYFILE_FICLONE));
            }),
        list: (prefix) => fsCall('list', `${prefix}*`, () => listFiles(root, prefix)),
        listFolders: (folder) =>
            fsCall('list folders of', folder, async () => {
                const entries = await readdir(folder === '' ? root : pathOf(folder), { withFileTypes: true }).catch(
                    (error: unknown) => {
                        if (isMissing(error)) return [];
                        throw error;
                    },
                );
                return entries
                    .filter((entry) => entry.isDirectory())
                    .map((e) => e.name)
                    .sort();
            }),
        moveFolder: (from, to, { fence, parentMustExist } = {}) =>
            fsCall('move folder', `${from} to ${to}`, async (): Promise<MoveResult> => {
                const [source, target] = [pathOf(from), pathOf(to)];
                if (!(await isFolder(source))) return 'absent';
                if (parentMustExist && !(await isFolder(dirname(target)))) return 'absent';
                await fence?.();
                // rename() replaces an empty folder but no other: an empty target is no obstacle, anything else is.
                await mkdir(dirname(target), { recursive: true });
                try {
                    await rename(source, target);
                    return 'moved';
                } catch (error) {
                    const code = (error as NodeJS.ErrnoException).code;
                    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') return 'occupied';
                    if (code === 'ENOENT') return 'absent';
                    throw error;
                }
            }),
        delete: (name) => fsCall('delete', name, () => rm(pathOf(name), { force: true })),
        deleteFolder: (folder) =>
            fsCall('delete folder', folder, () => rm(pathOf(folder), { recursive: true, force: true })),
        size: (name) => fsCall('inspect', name, () => fileSize(pathOf(name))),
    };
}

/** All file names under `root` starting with `prefix`, `/`-separated and sorted, without files being written. */
async function listFiles(root: string, prefix: string): Promise<string[]> {
    if (/[\\\0]/.test(prefix) || prefix.startsWith('/') || prefix.split('/').some((s) => s === '.' || s === '..')) {
        throw new InputError('BlobOutsideContainer', `Prefix "${prefix}" is not a plain path inside ${root}.`);
    }
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const names: string[] = [];
    const walk = async (relativeDir: string): Promise<void> => {
        let entries: Dirent[];
        try {
            entries = await readdir(join(root, ...relativeDir.split('/')), { withFileTypes: true });
        } catch (error) {
            if (isMissing(error)) return;
            throw error;
        }
        for (const entry of entries) {
            const name = relativeDir + entry.name;
            const folderName = `${name}/`;
            if (entry.isDirectory() && (folderName.startsWith(prefix) || prefix.startsWith(folderName))) {
                await walk(folderName);
            }
            if (entry.isFile() && !entry.name.startsWith(TEMP_PREFIX) && name.startsWith(prefix)) names.push(name);
        }
    };
    await walk(folder);
    return names.sort();
}

const isFolder = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;

/** Size of a regular file, or undefined when there is none at `path`. */
async function fileSize(path: string): Promise<number | undefined> {
    try {
        const stats = await stat(path);
        return stats.isFile() ? stats.size : undefined;
    } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
    }
}

function isMissing(error: unknown): boolean {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

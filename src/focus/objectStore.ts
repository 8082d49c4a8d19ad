/**
 * A container addressed by container-relative names (`a/b/part_0_0001.csv.gz`). The core owns this contract because
 * the published folders are the core's format (published/): adapters implement it (blob or folder store), the pipeline
 * is handed one (pipeline/ports.ts re-exports it), reports read published data through it.
 */
export interface ObjectStore {
    /** Human-readable location for messages, e.g. `msexports` or `/data/msexports`. */
    readonly location: string;
    /** Whole object as UTF-8 text; throws InputError `PartMissing` when it does not exist. */
    readText(name: string): Promise<string>;
    /** Streams an object to a local file; throws InputError `PartMissing` when it does not exist. */
    download(name: string, localPath: string): Promise<void>;
    /** Streams a local file to an object, replacing any object of that name. */
    upload(localPath: string, name: string): Promise<void>;
    /** Writes text (UTF-8) to an object, replacing it as a whole: readers see the old or the new text, never a mix. */
    writeText(name: string, text: string, contentType?: string): Promise<void>;
    /** Server-side copy within this store; the target is complete when the promise resolves. */
    copy(fromName: string, toName: string): Promise<void>;
    /** Names of all objects whose name starts with `prefix` (recursive), sorted. */
    list(prefix: string): Promise<string[]>;
    /** Names of the immediate sub-folders of `folder` ('' for the top), without a trailing slash, sorted. */
    listFolders(folder: string): Promise<string[]>;
    /**
     * Moves everything under `from/` to the same relative names under `to/`, which must not exist: nothing is ever
     * moved over something. One atomic rename where the store has real folders; object by object on a flat blob
     * namespace, where each object moves at most once, so calling it again (or two workers calling it) finishes an
     * interrupted move. `fence` runs once the store has seen what it will move and before anything moves: it throws
     * to stop a worker that lost its right to move (docs/fencing.md). Resolves `absent` when nothing was at `from`
     * (or, with `parentMustExist`, when `to`'s parent folder does not exist), `occupied` when `to` holds something.
     */
    moveFolder(from: string, to: string, options?: MoveOptions): Promise<MoveResult>;
    /** Deletes an object; missing objects are not an error. */
    delete(name: string): Promise<void>;
    /** Deletes everything under `folder/`; a missing folder is not an error. */
    deleteFolder(folder: string): Promise<void>;
    /** Size in bytes, or undefined when the object does not exist. */
    size(name: string): Promise<number | undefined>;
}

export type MoveResult = 'moved' | 'absent' | 'occupied';

export interface MoveOptions {
    /** The fencing check, run after the store has listed what it will move and before it moves anything. */
    fence?: () => Promise<void>;
    /** Move only into an existing folder: `to`'s parent is never created (a folder a swap has installed stays gone). */
    parentMustExist?: boolean;
}

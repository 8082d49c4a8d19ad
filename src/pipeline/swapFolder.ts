import { FolderManifest, stampPublished } from '../focus/folderManifest';
import { FOLDER_MANIFEST } from '../focus/layout';
import { RunRef } from '../focus/runRef';
import { checkFolder } from './checkFolder';
import { ObjectStore, SwapPhase } from './ports';

export interface FolderSwap {
    /** The run whose folder is installed. */
    run: RunRef;
    /** The folder the run built: exactly the files (and manifest.json) `target` should hold. */
    staged: string;
    /** The published dataset folder. */
    target: string;
    /** Where the files `target` held go. */
    retired: string;
}

/** How a swap ended: the manifest now published, or why the staged folder could not be installed. */
export type SwapOutcome = { installed: FolderManifest } | { problem: string };

/** What a swap needs from the lease: a record of each phase, and the fencing check every move makes. */
export interface SwapSteps {
    record(phase: SwapPhase): Promise<void>;
    fence(): Promise<void>;
    /** The time now (ISO 8601), stamped into the manifest as `publishedAt`. */
    now(): string;
}

const PHASES: readonly SwapPhase[] = ['children', 'retire', 'install'];

/**
 * Replaces the files of `target` with those of `staged`, in three phases, each recorded first and safe to repeat
 * after a crash or by another worker:
 *
 * 1. `children`: sub-folders of `target` (the folders of nested scopes, e.g. billing profiles inside a billing account)
 *    move into `staged`, so they stay where they are once it is installed;
 * 2. `retire`: the staged manifest gets `publishedAt`, and `target` moves to `retired`;
 * 3. `install`: `staged` moves to `target`.
 *
 * The first phase run, and `install`, first check the staged folder (a manifest naming the run, exactly the files it
 * lists); a staged folder that is missing or not the run's puts back what earlier phases moved and ends the swap with
 * the problem, so the published folder stays as it was. Every move is fenced (`steps.fence`) and never moves over
 * anything. Where the store renames folders atomically, a reader of `target` sees the old files, then (between the
 * two renames) none, then the new ones: never a mix, never two runs. `from` resumes a recorded swap.
 */
export async function swapFolder(
    store: ObjectStore,
    swap: FolderSwap,
    steps: SwapSteps,
    from: SwapPhase = 'children',
): Promise<SwapOutcome> {
    const fence = () => steps.fence();
    let manifest: FolderManifest | undefined;
    for (const phase of PHASES.slice(PHASES.indexOf(from))) {
        await steps.record(phase);
        if (!manifest || phase === 'install') {
            const staged = await checkFolder(store, swap.staged, swap.run);
            if ('problem' in staged) {
                const done = phase === 'install' ? await checkFolder(store, swap.target, swap.run) : staged;
                if ('manifest' in done) return { installed: done.manifest };
                return putBack(store, swap, fence, staged.problem);
            }
            manifest = staged.manifest;
        }
        if (phase === 'children') {
            for (const child of await store.listFolders(swap.target)) {
                await store.moveFolder(`${swap.target}/${child}`, `${swap.staged}/${child}`, {
                    fence,
                    parentMustExist: true,
                });
            }
        } else if (phase === 'retire') {
            const stamped = stampPublished(manifest, steps.now());
            await store.writeText(`${swap.staged}/${FOLDER_MANIFEST}`, stamped, 'application/json');
            await store.moveFolder(swap.target, swap.retired, { fence });
        } else {
            if ((await store.moveFolder(swap.staged, swap.target, { fence })) === 'moved')
                return { installed: manifest };
            const installed = await checkFolder(store, swap.target, swap.run);
            return 'manifest' in installed ? { installed: installed.manifest } : installed;
        }
    }
    throw new Error('unreachable: the install phase returns');
}

/** Undoes the earlier phases of a swap whose staged folder is unusable: the retired folder, then nested scopes. */
async function putBack(
    store: ObjectStore,
    swap: FolderSwap,
    fence: () => Promise<void>,
    problem: string,
): Promise<SwapOutcome> {
    await store.moveFolder(swap.retired, swap.target, { fence });
    for (const child of await store.listFolders(swap.staged)) {
        await store.moveFolder(`${swap.staged}/${child}`, `${swap.target}/${child}`, { fence });
    }
    return { problem };
}

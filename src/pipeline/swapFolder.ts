import { ObjectStore, SwapPhase } from './ports';

export interface FolderSwap {
    /** The folder a run built: exactly the files (and manifest.json) `target` should hold. */
    staged: string;
    /** The published dataset folder. */
    target: string;
    /** Where the files `target` held go. */
    retired: string;
}

const PHASES: readonly SwapPhase[] = ['children', 'retire', 'install'];

/**
 * Replaces the files of `target` with those of `staged`, in three phases, each safe to repeat after a crash:
 *
 * 1. `children`: sub-folders of `target` (the folders of nested scopes, e.g. billing profiles inside a billing account)
 *    move into `staged`, so they stay where they are once it is installed;
 * 2. `retire`: `target` moves to `retired`;
 * 3. `install`: `staged` moves to `target`.
 *
 * Where the store renames folders atomically, a reader of `target/*.parquet` sees the old files, then (between the two
 * renames) none, then the new ones: never a mix, never two runs. `onPhase` is called before each phase with its name,
 * so the caller can record how far the swap got; `from` resumes a recorded swap.
 */
export async function swapFolder(
    store: ObjectStore,
    swap: FolderSwap,
    onPhase: (phase: SwapPhase) => Promise<void>,
    from: SwapPhase = 'children',
): Promise<void> {
    for (const phase of PHASES.slice(PHASES.indexOf(from))) {
        await onPhase(phase);
        if (phase === 'children') {
            for (const child of await store.listFolders(swap.target)) {
                await store.moveFolder(`${swap.target}/${child}`, `${swap.staged}/${child}`);
            }
        } else if (phase === 'retire') {
            await store.moveFolder(swap.target, swap.retired);
        } else {
            await store.moveFolder(swap.staged, swap.target);
        }
    }
}

import { HubConfig } from '../config';
import { PipelineDeps } from '../pipeline/pipelineDeps';
import { createBlobStore } from './blobStore';
import { createQueueWorkQueue } from './queueWorkQueue';
import { createStorageClients } from './storageClients';
import { createTableRunStore } from './tableRunStore';
import { createLocalWorkspace } from './workspace';

/**
 * Pipeline dependencies over Azure Storage (blob containers, run-state table, parts queue), from configuration. Build
 * them once per process: the clients keep their connections and credential tokens between invocations.
 */
export function createAzureDeps(config: HubConfig): Omit<PipelineDeps, 'log' | 'insights'> {
    const clients = createStorageClients(config.storage);
    const container = (name: string) =>
        createBlobStore(clients.blobService().getContainerClient(name), () =>
            clients.dataLake().getFileSystemClient(name),
        );
    return {
        exports: container(config.exportsContainer),
        ingestion: container(config.ingestionContainer),
        runs: createTableRunStore(clients.tableClient(config.runsTable)),
        queue: createQueueWorkQueue(clients.queueService().getQueueClient(config.partsQueue)),
        workspace: createLocalWorkspace(config.duckdb),
        validation: config.validation,
        tagAliases: config.tagAliases,
        storageReport: config.storageReport,
        timing: config.timing,
        retentionMonths: config.retentionMonths,
        exclusive: false,
        clock: () => Date.now(),
    };
}

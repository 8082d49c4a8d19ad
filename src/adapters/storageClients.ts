import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { DataLakeServiceClient } from '@azure/storage-file-datalake';
import { QueueServiceClient } from '@azure/storage-queue';

import { HUB_STORAGE, type StorageConnection } from '../config';
import { PipelineError } from '../errors';

/** SDK clients for the hub's storage account, each built on first use. */
export interface StorageClients {
    blobService(): BlobServiceClient;
    /** The same account's Data Lake (dfs) endpoint, for folder renames where the namespace is hierarchical. */
    dataLake(): DataLakeServiceClient;
    queueService(): QueueServiceClient;
    tableClient(tableName: string): TableClient;
}

/**
 * Builds the storage clients from a connection string when one is set (Azurite, local development), otherwise from the
 * identity-based service URIs with DefaultAzureCredential (and the user-assigned identity's client id, if given).
 * A missing setting fails with `ConfigInvalid` naming it, when the client that needs it is first asked for.
 */
export function createStorageClients(connection: StorageConnection): StorageClients {
    const { connectionString } = connection;
    let credential: TokenCredential | undefined;
    const identity = (): TokenCredential =>
        (credential ??= new DefaultAzureCredential({ managedIdentityClientId: connection.clientId }));
    let blob: BlobServiceClient | undefined;
    let lake: DataLakeServiceClient | undefined;
    let queue: QueueServiceClient | undefined;
    const tables = new Map<string, TableClient>();

    return {
        blobService: () =>
            (blob ??= connectionString
                ? BlobServiceClient.fromConnectionString(connectionString)
                : new BlobServiceClient(serviceUri(connection.blobServiceUri, 'blob'), identity())),
        dataLake: () =>
            (lake ??= connectionString
                ? DataLakeServiceClient.fromConnectionString(connectionString)
                : new DataLakeServiceClient(
                      serviceUri(connection.blobServiceUri, 'blob').replace('.blob.', '.dfs.'),
                      identity(),
                  )),
        queueService: () =>
            (queue ??= connectionString
                ? QueueServiceClient.fromConnectionString(connectionString)
                : new QueueServiceClient(serviceUri(connection.queueServiceUri, 'queue'), identity())),
        tableClient(tableName) {
            let client = tables.get(tableName);
            if (!client) {
                client = connectionString
                    ? TableClient.fromConnectionString(connectionString, tableName, {
                          allowInsecureConnection: /UseDevelopmentStorage=true|TableEndpoint=http:/i.test(
                              connectionString,
                          ),
                      })
                    : new TableClient(serviceUri(connection.tableServiceUri, 'table'), tableName, identity());
                tables.set(tableName, client);
            }
            return client;
        },
    };
}

/** The HTTP status of a failed storage request (`RestError.statusCode`), or undefined for any other failure. */
export function storageStatus(error: unknown): number | undefined {
    if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
    return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

function serviceUri(uri: string | undefined, service: 'blob' | 'queue' | 'table'): string {
    if (uri) return uri;
    throw new PipelineError(
        'ConfigInvalid',
        `No ${service} storage configured: set app setting ${HUB_STORAGE} to a connection string, or ` +
            `${HUB_STORAGE}__${service}ServiceUri to https://<account>.${service}.core.windows.net for identity access.`,
    );
}

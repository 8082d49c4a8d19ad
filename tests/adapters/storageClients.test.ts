import { createStorageClients, storageStatus } from '../../src/adapters/storageClients';
import { readConfig } from '../../src/config';

describe('storage clients', () => {
    it('names the missing app setting for each service', () => {
        const none = createStorageClients(readConfig({}).storage);
        expect(() => none.blobService()).toThrow(/HubStorage .*HubStorage__blobServiceUri/);
        expect(() => none.queueService()).toThrow(/HubStorage__queueServiceUri/);
        expect(() => none.tableClient('hubruns')).toThrow(/HubStorage__tableServiceUri/);

        const blobOnly = createStorageClients(
            readConfig({ HubStorage__blobServiceUri: 'https://acct.blob.core.windows.net' }).storage,
        );
        expect(blobOnly.blobService().url).toBe('https://acct.blob.core.windows.net/');
        let error: unknown;
        try {
            blobOnly.queueService();
        } catch (caught) {
            error = caught;
        }
        expect(error).toMatchObject({ name: 'PipelineError', code: 'ConfigInvalid', retryable: false });
    });

    it('builds identity clients from the service URIs, once each', () => {
        const clients = createStorageClients({
            blobServiceUri: 'https://acct.blob.core.windows.net',
            queueServiceUri: 'https://acct.queue.core.windows.net',
            tableServiceUri: 'https://acct.table.core.windows.net',
            clientId: '00000000-0000-0000-0000-000000000001',
        });
        expect(clients.blobService()).toBe(clients.blobService());
        expect(clients.queueService().url).toBe('https://acct.queue.core.windows.net');
        const table = clients.tableClient('hubruns');
        expect(table).toBe(clients.tableClient('hubruns'));
        expect(table.url).toBe('https://acct.table.core.windows.net');
        expect(table.tableName).toBe('hubruns');
        expect(clients.tableClient('other').tableName).toBe('other');
    });

    it('accepts the development-storage shorthand for every service', () => {
        const clients = createStorageClients({ connectionString: 'UseDevelopmentStorage=true' });
        expect(clients.blobService().url).toBe('http://127.0.0.1:10000/devstoreaccount1');
        expect(clients.queueService().url).toBe('http://127.0.0.1:10001/devstoreaccount1');
        expect(clients.tableClient('hubruns').url).toBe('http://127.0.0.1:10002/devstoreaccount1');
    });

    it('reads the HTTP status of storage failures only', () => {
        expect(storageStatus({ statusCode: 412 })).toBe(412);
        expect(storageStatus(new Error('boom'))).toBeUndefined();
        expect(storageStatus(undefined)).toBeUndefined();
    });
});

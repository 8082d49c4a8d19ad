import { ArmTemplate, compileBicep, moduleOf, moduleParameter, ofType, pick, resolve } from './bicepTemplate';

let main: ArmTemplate;

beforeAll(() => {
    main = compileBicep();
});

describe('Event Grid', () => {
    it('puts the system topic on the data lake account', () => {
        const topic = moduleOf(main, 'eventGridTopic');
        const [systemTopic] = ofType(topic.template, 'Microsoft.EventGrid/systemTopics');
        expect(systemTopic?.properties).toEqual({
            source: "[resourceId('Microsoft.Storage/storageAccounts', parameters('dataAccountName'))]",
            topicType: 'Microsoft.Storage.StorageAccounts',
        });
        expect(moduleParameter(topic, 'dataAccountName')).toBe(moduleParameter(moduleOf(main, 'dataStorage'), 'name'));
        expect(topic.condition).toBeUndefined();
    });

    it('creates the subscription only in the pass after the code deploy', () => {
        const subscription = moduleOf(main, 'manifestSubscription');
        expect(subscription.condition).toBe("[parameters('functionCodeDeployed')]");
        expect(resolve(main, "[parameters('functionCodeDeployed')]")).toBe(false);
    });

    it('delivers completed manifest.json writes under msexports/ to the ingest blob-trigger webhook', () => {
        const module = moduleOf(main, 'manifestSubscription');
        const [subscription] = ofType(module.template, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
        expect(resolve(main, moduleParameter(module, 'exportsContainerName'))).toBe('msexports');
        expect(pick(subscription, 'properties.filter')).toEqual({
            includedEventTypes: ['Microsoft.Storage.BlobCreated'],
            subjectBeginsWith: "[format('/blobServices/default/containers/{0}/', parameters('exportsContainerName'))]",
            subjectEndsWith: 'manifest.json',
            advancedFilters: [
                {
                    operatorType: 'StringIn',
                    key: 'data.api',
                    values: ['CopyBlob', 'PutBlob', 'PutBlockList', 'FlushWithClose'],
                },
            ],
        });
        expect(pick(subscription, 'properties.destination.endpointType')).toBe('WebHook');
        const url = String(pick(subscription, 'properties.destination.properties.endpointUrl'));
        expect(url).toContain("format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}'");
        expect(url).toContain('.systemKeys.blobs_extension');
        expect(resolve(module.template, "[parameters('functionName')]")).toBe('ingest');
    });

    it('retries delivery and dead-letters to a container with the topic identity', () => {
        const module = moduleOf(main, 'manifestSubscription');
        const [subscription] = ofType(module.template, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
        expect(pick(subscription, 'properties.retryPolicy')).toEqual({
            maxDeliveryAttempts: "[parameters('maxDeliveryAttempts')]",
            eventTimeToLiveInMinutes: "[parameters('eventTimeToLiveInMinutes')]",
        });
        expect(resolve(module.template, "[parameters('maxDeliveryAttempts')]")).toBe(30);
        expect(resolve(module.template, "[parameters('eventTimeToLiveInMinutes')]")).toBe(1440);
        expect(pick(subscription, 'properties.deadLetterWithResourceIdentity')).toEqual({
            identity: { type: 'SystemAssigned' },
            deadLetterDestination: {
                endpointType: 'StorageBlob',
                properties: {
                    resourceId: "[parameters('dataAccountId')]",
                    blobContainerName: "[parameters('deadLetterContainerName')]",
                },
            },
        });
        expect(resolve(main, moduleParameter(module, 'deadLetterContainerName'))).toBe('eventgrid-deadletter');
    });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Incident } from '../../src/reports/anomalies/incident';
import { incidentLogLine } from '../../src/reports/anomalies/incidentLogLine';
import {
    ArmResource,
    ArmTemplate,
    compileBicep,
    moduleOf,
    moduleParameter,
    ofType,
    pick,
    PredictedResource,
    repoRoot,
    resolve,
    snapshotBicep,
} from './bicepTemplate';

const RULE = 'Microsoft.Insights/scheduledQueryRules';
const ACTION_GROUP = 'Microsoft.Insights/actionGroups';
const kql = (name: string) => readFileSync(join(repoRoot, 'infra', 'bicep', 'alerts', `${name}.kql`), 'utf8');

/** The `let pattern = @"…";` regular expression of a query (simple RE2 syntax, which JavaScript reads the same). */
function patternOf(query: unknown): RegExp {
    const match = /let pattern = @"([^"]*)";/.exec(String(query));
    if (!match?.[1]) throw new Error('The query declares no pattern');
    return new RegExp(match[1]);
}

/** The alert rules a snapshot deploys, by the end of their name (`failed-runs`, `ai-spend-anomalies`). */
function rules(resources: PredictedResource[]): Map<string, PredictedResource> {
    const key = (name: string) => ['failed-runs', 'ai-spend-anomalies'].find((end) => name.endsWith(`-${end}`)) ?? name;
    return new Map(resources.filter((r) => r.type === RULE).map((r) => [key(r.name), r]));
}

let alerts: ArmTemplate;
let compiled: ArmResource[];

beforeAll(() => {
    alerts = moduleOf(compileBicep(), 'alerts').template;
    compiled = ofType(alerts, RULE);
});

describe('failed-run alert', () => {
    it('runs the failedRuns.kql query on Application Insights every 15 minutes over 15 minutes, severity 1', () => {
        const rule = compiled.find((r) => r.symbolicName === 'failedRuns');
        expect(rule?.condition).toBeUndefined();
        expect(rule?.kind).toBe('LogAlert');
        expect(rule?.properties).toMatchObject({
            severity: 1,
            enabled: true,
            evaluationFrequency: 'PT15M',
            windowSize: 'PT15M',
            scopes: ["[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]"],
            autoMitigate: false,
        });
        // The query is the .kql file, loaded into the template when it is built.
        expect(resolve(alerts, pick(rule, 'properties.criteria.allOf.0.query'))).toBe(kql('failedRuns'));
        expect(pick(rule, 'properties.criteria.allOf')).toEqual([
            {
                query: expect.stringMatching(/^\[variables\('.+'\)\]$/),
                timeAggregation: 'Count',
                dimensions: [{ name: 'errorCode', operator: 'Include', values: ['*'] }],
                operator: 'GreaterThan',
                threshold: 0,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
            },
        ]);
        const main = compileBicep();
        expect(moduleParameter(moduleOf(main, 'alerts'), 'appInsightsName')).toBe(
            moduleParameter(moduleOf(main, 'monitoring'), 'appInsightsName'),
        );
        // The workspace's daily cap silences these alerts once reached: a parameter of the deployment, not fixed.
        expect(moduleParameter(moduleOf(main, 'monitoring'), 'dailyQuotaGb')).toBe("[parameters('logDailyCapGb')]");
        expect(resolve(main, "[parameters('logDailyCapGb')]")).toBe(1);
    });

    it('matches the trace lines the pipeline writes per failed or stalled run, and no other', () => {
        const query = kql('failedRuns');
        expect(query).toMatch(/^traces$/m);
        const pattern = patternOf(query);
        // The line as src/pipeline/recordFailure.ts writes it: the alert breaks silently if that line changes.
        const source = readFileSync(join(repoRoot, 'src', 'pipeline', 'recordFailure.ts'), 'utf8');
        expect(source).toContain('deps.log(`Run ${run.runId} failed: ${error.code}: ${error.message}`);');
        const sweep = readFileSync(join(repoRoot, 'src', 'pipeline', 'sweepRuns.ts'), 'utf8');
        expect(sweep).toContain("const line = stalled ? `stalled: ${failure.code}:` : 'could not be resumed yet:';");
        expect(sweep).toContain('deps.log(`Run ${run.runId} ${line} ${failure.message}`);');
        const line = (runId: string, code: string, message: string, how = 'failed') =>
            `Run ${runId} ${how}: ${code}: ${message}`;
        for (const [runId, code, how] of [
            ['6f0e2c1a-9b1d-4b7e-a3c2-2f9d1e0b7a55', 'RunStalled', 'failed'],
            ['r-2026-11', 'PartPoisoned', 'failed'],
            ['x', 'ManifestInvalid', 'failed'],
            ['r-7', 'StorageUnavailable', 'stalled'],
        ]) {
            const found = pattern.exec(line(runId ?? '', code ?? '', 'Part 3: the message: with colons.', how));
            expect([found?.[1], found?.[2]]).toEqual([runId, code]);
        }
        for (const other of [
            'Manifest a/b/manifest.json: run r1 failed (ManifestInvalid).',
            'Part r1#3, attempt 2: Could not download blob x',
            'Run r1 succeeded: 1200 rows.',
            'Run r1 could not be resumed yet: Could not read table hubruns',
            'Dropping queue message: not a work item',
        ])
            expect(pattern.test(other)).toBe(false);
    });

    it('exists in every deployment and notifies nobody when no email is given', () => {
        const resources = snapshotBicep();
        expect(resources.filter((r) => r.type === ACTION_GROUP)).toEqual([]);
        const deployed = rules(resources);
        expect([...deployed.keys()]).toEqual(['failed-runs']);
        expect(deployed.get('failed-runs')?.properties?.actions).toEqual({ actionGroups: [] });
        expect(resolve(compileBicep(), "[parameters('alertEmails')]")).toEqual([]);
    });
});

describe('alert notifications', () => {
    it('email every address given through one action group that every rule uses', () => {
        const resources = snapshotBicep({ alertEmails: ['ops@example.com', 'finops@example.com'] });
        const [group, ...others] = resources.filter((r) => r.type === ACTION_GROUP);
        expect(others).toEqual([]);
        expect(group?.properties).toMatchObject({
            enabled: true,
            emailReceivers: [
                { name: 'email-0', emailAddress: 'ops@example.com', useCommonAlertSchema: true },
                { name: 'email-1', emailAddress: 'finops@example.com', useCommonAlertSchema: true },
            ],
        });
        expect(String(group?.properties?.groupShortName).length).toBeLessThanOrEqual(12);
        for (const rule of rules(resources).values())
            expect(rule.properties?.actions).toEqual({ actionGroups: [group?.id] });
    });
});

describe('AI spend anomaly alert', () => {
    it('is off by default', () => {
        const rule = compiled.find((r) => r.symbolicName === 'aiSpendAnomalies');
        expect(rule?.condition).toBe("[parameters('aiSpendAnomalyAlert')]");
        expect(resolve(compileBicep(), "[parameters('aiSpendAnomalyAlert')]")).toBe(false);
        expect(rules(snapshotBicep()).has('ai-spend-anomalies')).toBe(false);
    });

    it('fires hourly, severity 2, once per new incident scored at or above the threshold', () => {
        const resources = snapshotBicep({ aiSpendAnomalyAlert: true, aiSpendAnomalyMinScore: '2.75' });
        const rule = rules(resources).get('ai-spend-anomalies');
        expect(rule?.properties).toMatchObject({
            severity: 2,
            enabled: true,
            evaluationFrequency: 'PT1H',
            windowSize: 'PT1H',
            autoMitigate: false,
        });
        expect(pick(rule, 'properties.criteria.allOf')).toEqual([
            {
                query: kql('aiSpendAnomalies'),
                timeAggregation: 'Maximum',
                metricMeasureColumn: 'score',
                dimensions: [
                    { name: 'costScope', operator: 'Include', values: ['*'] },
                    { name: 'incidentId', operator: 'Include', values: ['*'] },
                ],
                operator: 'GreaterThanOrEqual',
                threshold: 2.75,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
            },
        ]);
        const [appInsights] = resources.filter((r) => r.type === 'Microsoft.Insights/components');
        expect(rule?.properties?.scopes).toEqual([appInsights?.id]);
    });

    it('reads scope, month, incident, kind, impact, score and cause from the one trace per new incident', () => {
        const query = kql('aiSpendAnomalies');
        expect(query).toMatch(/^traces$/m);
        expect(query).toContain('score = todouble(extract(pattern, 9, message))');
        const pattern = patternOf(query);
        // The line as src/reports/anomalies/incidentLogLine.ts writes it: the alert breaks silently if that changes.
        const incident: Incident = {
            id: '2026-10-07-45366016',
            currency: 'USD',
            start: '2026-10-07',
            end: '2026-10-07',
            kind: 'spike',
            metric: 'EffectiveCost',
            impact: '664.317525',
            peakScore: 38.173,
            rootCauses: [
                { dimensions: { x_ModelId: 'gpt-4.1', x_TokenDirection: 'Output' }, impact: '664.3', share: 1 },
            ],
        };
        const read = (line: string) => {
            const found = pattern.exec(line);
            return found && [found[1], found[2], found[3], found[4], found[5], found[6], found[8], found[9], found[11]];
        };
        expect(read(incidentLogLine('/subscriptions/0000-1111', '2026-10', incident))).toEqual([
            '/subscriptions/0000-1111',
            '2026-10',
            '2026-10-07-45366016',
            'spike',
            'EffectiveCost',
            '664.317525',
            'USD',
            '38.17',
            'gpt-4.1 · Output',
        ]);
        const shift = { ...incident, kind: 'levelShift' as const, metric: 'EffectiveCostPerMillionTokens' as const };
        expect(
            read(incidentLogLine('Contoso billing profile', '2026-01', { ...shift, impact: '-12.5' }))?.slice(0, 6),
        ).toEqual([
            'Contoso billing profile',
            '2026-01',
            '2026-10-07-45366016',
            'levelShift',
            'EffectiveCostPerMillionTokens',
            '-12.5',
        ]);
        for (const other of [
            'Insights /subscriptions/x 2026-11: 2 incident(s), 1 new.',
            'Anomalies /subscriptions/x 2026-11: 2 new, highest score 3.5',
            'Incident /subscriptions/x 2026-1 2026-10-07-45366016: spike of EffectiveCost, impact 1 USD, score 7, top cause x',
            'Incident /subscriptions/x 2026-11 2026-10-07-4536: spike of EffectiveCost, impact 1 USD, score 7, top cause x',
            'Run r1 failed: RunStalled: no incident here',
        ])
            expect(pattern.test(other)).toBe(false);
    });

    it('refuses a threshold that is not a number', () => {
        expect(() => snapshotBicep({ aiSpendAnomalyAlert: true, aiSpendAnomalyMinScore: 'high' })).toThrow(
            /'json'\. The argument provided is not a valid JSON string/,
        );
    });
});

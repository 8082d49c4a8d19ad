import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { quotedString } from '@duckdb/node-api';

import { createFolderStore } from '../../../src/adapters/folderStore';
import { DEFAULT_ANOMALY_THRESHOLD } from '../../../src/config';
import { analyseSelection } from '../../../src/reports/analyseSelection';
import { buildReport } from '../../../src/reports/report/buildReport';
import { withConnection } from '../../helpers/withConnection';

const SCOPE = 'subscriptions/00000000-0000-0000-0000-000000000001';

describe('the report of a scope whose AI cost has no counted tokens', () => {
    it('renders, says there are no counted tokens, and counts all the cost as cost without tokens', async () => {
        await withConnection(async (connection, dir) => {
            // Two months of provisioned throughput and fine-tuned hosting: AI cost billed by the hour, no tokens.
            for (const month of ['2026-09', '2026-10']) {
                const folder = join(dir, 'ingestion', 'AIUnitEconomics', ...month.split('-'), ...SCOPE.split('/'));
                mkdirSync(folder, { recursive: true });
                await connection.run(
                    `copy (
                        select d::date as x_ChargeDate, 'USD' as BillingCurrency, m.model as x_ModelId,
                            null::varchar as x_TokenDirection, 'Global' as x_DeploymentType, null::varchar as x_CacheAction,
                            null::varchar as x_ModelVersion, null::varchar as x_ModelFamily, null::varchar as x_ModelDeveloper,
                            'Standard' as x_ProcessingTier, 'Inference' as x_AIWorkload, 'Contoso' as SubAccountName, 'ptu-01' as ResourceName,
                            '2040' as x_TagCostCenter, 'agents' as x_TagApplication, 'prod' as x_TagEnvironment,
                            'Foundry Models' as x_SkuMeterCategory, 'Azure OpenAI' as x_SkuMeterSubcategory,
                            null::decimal(38, 6) as x_TokenCount, m.hourly * 24 as EffectiveCost
                        from range(${quotedString(`${month}-01`)}::date, ${quotedString(`${month}-01`)}::date + interval 1 month, interval 1 day) as r(d)
                        cross join (values ('gpt-4o', 15.0::decimal(38, 18)), ('gpt-4o-ft', 1.7::decimal(38, 18))) as m(model, hourly)
                        -- A little billed in euros too: named, not shown.
                        union all by name
                        select ${quotedString(`${month}-05`)}::date as x_ChargeDate, 'EUR' as BillingCurrency,
                            'gpt-4o' as x_ModelId, 1234.5::decimal(38, 18) as EffectiveCost
                    ) to ${quotedString(join(folder, 'run__aiue.parquet'))} (format parquet)`,
                );
                writeFileSync(
                    join(folder, 'manifest.json'),
                    JSON.stringify({ runId: 'run', files: [{ name: 'run__aiue.parquet' }] }),
                );
            }
            const store = createFolderStore(join(dir, 'ingestion'));
            const selection = { scope: SCOPE, month: '2026-10' };
            const analysis = await analyseSelection(connection, store, selection, join(dir, 'scratch'), {
                anomalyThreshold: DEFAULT_ANOMALY_THRESHOLD,
            });
            const html = await buildReport(
                connection,
                store,
                analysis,
                { ...selection, scratchDir: join(dir, 'scratch') },
                '2026-11-02T00:00:00Z',
            );
            expect(html).toContain('No counted tokens this month');
            expect(html).not.toContain('id="token-matrix"');
            // 31 days × 24 hours × (15 + 1.7): all of it is AI cost without counted tokens.
            expect(html).toContain('id="untokened-cost" data-value="12424.8"');
            expect(html).toContain('id="headline-unit-cost">–</p>');
            expect(html).toContain('id="headline-incidents" data-value="0"');
            expect(html).toContain('Also billed this month, not shown: €1,234.50.');
        });
    });
});

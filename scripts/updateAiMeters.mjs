// Refreshes the AI meter table from Azure Retail Prices API output: `npm run meters:update -- <retail-prices.json|csv>`
// (the npm script builds first, so this runs the current code). Writes the snapshot the table is built from
// (src/focus/data/ai-meter-retail-prices.csv) and the table itself (src/focus/data/ai-meters.csv); without a file it
// rebuilds the table from the committed snapshot, e.g. after changing ai-meter-rules.json or the overrides.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { retailPriceSnapshot } = require('../dist/src/focus/ai/retailPriceSnapshot.js');
const { buildMeterTable } = require('../dist/src/focus/ai/buildMeterTable.js');
const { readOverrides } = require('../dist/src/focus/ai/meterTable.js');

const SNAPSHOT = 'src/focus/data/ai-meter-retail-prices.csv';
const TABLE = 'src/focus/data/ai-meters.csv';

const source = process.argv[2];
if (source) writeFileSync(SNAPSHOT, retailPriceSnapshot(readFileSync(source, 'utf8')));
const overrides = readOverrides(readFileSync('src/focus/data/ai-meter-overrides.csv', 'utf8'));
const table = buildMeterTable(readFileSync(SNAPSHOT, 'utf8'), overrides);
writeFileSync(TABLE, table);
console.log(
    `${TABLE}: ${table.split('\n').length - 2} meters from ${SNAPSHOT}${source ? ` (refreshed from ${source})` : ''}`,
);

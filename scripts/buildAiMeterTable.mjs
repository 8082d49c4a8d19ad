// Regenerates src/focus/data/ai-meters.csv from an Azure Retail Prices snapshot (default: the committed test copy).
// Usage: npm run build && node scripts/buildAiMeterTable.mjs [retail-prices.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { buildMeterTable } = require('../dist/src/focus/ai/buildMeterTable.js');
const { readOverrides } = require('../dist/src/focus/ai/meterTable.js');

const source = process.argv[2] ?? 'tests/fixtures/retail-prices-foundry-models-2026-08.csv';
const overrides = readOverrides(readFileSync('src/focus/data/ai-meter-overrides.csv', 'utf8'));
const table = buildMeterTable(readFileSync(source, 'utf8'), overrides);
writeFileSync('src/focus/data/ai-meters.csv', table);
console.log(`src/focus/data/ai-meters.csv: ${table.split('\n').length - 2} meters from ${source}`);

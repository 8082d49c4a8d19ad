import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');

/** A tiny tree with one allowed and one forbidden arrow per rule under test. */
const TREE: Record<string, string> = {
    'src/errors.ts': 'export class HubError extends Error {}\n',
    'src/focus/core.ts': "import { HubError } from '../errors';\nexport const core = new HubError('x');\n",
    'src/focus/readsPipeline.ts': "import { plan } from '../pipeline/plan';\nexport const back = plan;\n",
    'src/focus/cloud.ts': "import { BlobClient } from '@azure/storage-blob';\nexport const sdk = BlobClient;\n",
    'src/focus/ping.ts': "import { pong } from './pong';\nexport const ping = (): number => pong();\n",
    'src/focus/pong.ts': "import { ping } from './ping';\nexport const pong = (): number => ping();\n",
    'src/pipeline/ports.ts': 'export interface Store {\n    read(): string;\n}\n',
    'src/pipeline/plan.ts':
        "import { core } from '../focus/core';\nimport { report } from '../reports/report';\nexport const plan = [core, report];\n",
    'src/reports/report.ts':
        "import type { Store } from '../pipeline/ports';\nexport const report = (s: Store) => s.read();\n",
    'src/reports/runsPlan.ts': "import { plan } from '../pipeline/plan';\nexport const again = plan;\n",
    'src/adapters/store.ts':
        "import type { Store } from '../pipeline/ports';\nexport const store: Store = { read: () => '' };\n",
};

describe('dependency rules (npm run lint)', () => {
    let dir: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'hub-layers-'));
        for (const [name, text] of Object.entries(TREE)) {
            mkdirSync(dirname(join(dir, name)), { recursive: true });
            writeFileSync(join(dir, name), text);
        }
        symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fail every arrow that points back up, and only those', () => {
        const cli = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
        const config = join(ROOT, '.dependency-cruiser.js');
        // the lint's own output: its exit status is the number of errors
        const run = spawnSync(process.execPath, [cli, 'src', '--config', config], { cwd: dir, encoding: 'utf8' });
        const found = [...run.stdout.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map(
            ([, rule, from, to]) => `${rule}: ${from} → ${to?.replace(/^.*node_modules\/(@azure\/[^/]+)\/.*$/, '$1')}`,
        );
        expect(run.status).toBe(found.length);
        expect(found.sort()).toEqual([
            'azure-sdks-in-the-edge: src/focus/cloud.ts → @azure/storage-blob',
            'core-is-pure: src/focus/readsPipeline.ts → src/pipeline/plan.ts',
            'no-cycles: src/focus/ping.ts → src/focus/pong.ts',
            'pipeline-over-core: src/pipeline/plan.ts → src/reports/report.ts',
            'reports-read-through-core: src/reports/runsPlan.ts → src/pipeline/plan.ts',
        ]);
    });
});

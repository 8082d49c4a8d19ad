import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot } from './bicepTemplate';

// The installer runs from a copy in a scratch project, so its .tools/ starts empty and the repository's cache is never
// touched. A local HTTP server stands in for the NuGet feed (HUB_NUGET_FEED); the real feed is exercised by
// bicepLint.test.ts, which fetches the pinned compiler on a fresh clone.
let project: string;
let server: Server;
let feed: string;
const requested: string[] = [];

function install(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const script = join(project, 'scripts', 'installBicep.mjs');
        execFile(
            process.execPath,
            [script],
            { env: { PATH: process.env.PATH ?? '', ...env } },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
    });
}

beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'hub-install-bicep-'));
    mkdirSync(join(project, 'scripts'));
    copyFileSync(join(repoRoot, 'scripts', 'installBicep.mjs'), join(project, 'scripts', 'installBicep.mjs'));
    symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
    server = createServer((request, response) => {
        requested.push(request.url ?? '');
        response.end('a package that is not the pinned one');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3-flatcontainer`;
});

afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(project, { recursive: true, force: true });
});

describe('installBicep', () => {
    it('uses the compiler HUB_BICEP names, and says so when it is not an executable', async () => {
        expect(await install({ HUB_BICEP: process.execPath })).toMatchObject({
            code: 0,
            stdout: `${process.execPath}\n`,
        });
        const missing = join(project, 'no-such-bicep');
        expect(await install({ HUB_BICEP: missing })).toMatchObject({
            code: 1,
            stderr: `installBicep: HUB_BICEP is ${missing}, which is not an executable file.\n`,
        });
    });

    it('offline, names the settings that point at a local compiler or a mirror, and caches nothing', async () => {
        const result = await install({ HUB_NUGET_FEED: 'http://127.0.0.1:9/v3-flatcontainer' });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/cannot download http:\/\/127\.0\.0\.1:9\/v3-flatcontainer\/azure\.bicep\./);
        expect(result.stderr).toContain('ECONNREFUSED');
        expect(result.stderr).toContain('HUB_BICEP can name a local Bicep compiler');
        expect(result.stderr).toContain('HUB_NUGET_FEED');
        expect(readdirSync(join(project, '.tools'))).toEqual([]);
    });

    it('refuses a package whose SHA-512 is not the pinned one, leaving no compiler behind', async () => {
        const result = await install({ HUB_NUGET_FEED: `${feed}/` });
        expect(requested).toEqual([
            '/v3-flatcontainer/azure.bicep.commandline.linux-x64/0.49.2/azure.bicep.commandline.linux-x64.0.49.2.nupkg',
        ]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/does not have the pinned SHA-512 \(got [0-9a-f]{16}…\); not used\.\n$/);
        expect(readdirSync(join(project, '.tools'))).toEqual([]);
        expect(existsSync(join(project, '.tools', 'bicep-0.49.2-linux-x64', 'bicep'))).toBe(false);
    });
});

// Fetches the Bicep compiler (NuGet package Azure.Bicep.CommandLine.<platform>, a self-contained executable) by pinned
// version from NuGet's flat-container endpoint, checks the package's SHA-512, unpacks tools/bicep into .tools/ and
// prints its path. No .NET SDK needed; a fetched compiler is reused, and parallel callers wait for the one fetching.
// Settings: HUB_BICEP, a local compiler to use instead (offline, behind a proxy, or another platform, e.g. the one
// `az bicep install` puts at ~/.azure/bin/bicep); HUB_NUGET_FEED, a mirror of the flat-container endpoint.
import { createHash } from 'node:crypto';
import {
    accessSync,
    chmodSync,
    constants,
    createWriteStream,
    existsSync,
    mkdirSync,
    renameSync,
    rmSync,
} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import lockfile from 'proper-lockfile';
import yauzl from 'yauzl';

const VERSION = '0.49.2';
/** SHA-512 of each platform's package as the registry serves it; only these are fetched. */
const PACKAGES = {
    'linux-x64':
        '9019d7d221bdc1dfcf59d093c057d4be6e897a69fee4beec63b6fb1d08b993e2cbc1d166adbc38cb94532c5c5ec0214c741a944e188e20b31aeec8339253c401',
};
const FEED = (process.env.HUB_NUGET_FEED || 'https://api.nuget.org/v3-flatcontainer').replace(/\/+$/, '');
const IDLE_TIMEOUT_MS = 30_000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const platform = `${process.platform}-${process.arch}`;
const home = join(root, '.tools', `bicep-${VERSION}-${platform}`);
const binary = join(home, 'bicep');
const LOCAL = 'HUB_BICEP can name a local Bicep compiler instead (`az bicep install` puts one at ~/.azure/bin/bicep)';

class InstallError extends Error {}

/** Streams `url` into `file` and returns the SHA-512 (hex) of what was written. */
async function download(url, file) {
    const client = url.startsWith('http:') ? http : https;
    const response = await new Promise((resolveResponse, reject) => {
        const request = client.get(url, resolveResponse);
        request.setTimeout(IDLE_TIMEOUT_MS, () =>
            request.destroy(new Error(`no answer in ${IDLE_TIMEOUT_MS / 1000} s`)),
        );
        request.on('error', reject);
    });
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
        response.resume();
        return download(new URL(response.headers.location, url).href, file);
    }
    if (response.statusCode !== 200) {
        response.resume();
        throw new Error(`HTTP ${response.statusCode}`);
    }
    response.setTimeout(IDLE_TIMEOUT_MS, () => response.destroy(new Error(`stalled for ${IDLE_TIMEOUT_MS / 1000} s`)));
    const hash = createHash('sha512');
    response.on('data', (chunk) => hash.update(chunk));
    await pipeline(response, createWriteStream(file));
    return hash.digest('hex');
}

/** Writes the package's tools/bicep entry to `target` (yauzl checks the entry's CRC-32 as it reads). */
async function unpackCompiler(nupkg, target) {
    const zip = await promisify(yauzl.open)(nupkg, { lazyEntries: true, autoClose: false });
    try {
        const entry = await new Promise((resolveEntry, reject) => {
            zip.on('entry', (e) => (e.fileName === 'tools/bicep' ? resolveEntry(e) : zip.readEntry()));
            zip.on('end', () => reject(new InstallError('the package holds no tools/bicep')));
            zip.on('error', reject);
            zip.readEntry();
        });
        const stream = await promisify(zip.openReadStream.bind(zip))(entry);
        await pipeline(stream, createWriteStream(target, { mode: 0o755 }));
    } finally {
        zip.close();
    }
}

async function fetchCompiler() {
    const id = `azure.bicep.commandline.${platform}`;
    const url = `${FEED}/${id}/${VERSION}/${id}.${VERSION}.nupkg`;
    const partial = `${home}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
        const nupkg = join(partial, `${id}.nupkg`);
        let sha512;
        try {
            sha512 = await download(url, nupkg);
        } catch (error) {
            throw new InstallError(
                `cannot download ${url} (${error.message}). Offline or behind a proxy? ${LOCAL}, ` +
                    'or HUB_NUGET_FEED a mirror of the NuGet flat-container endpoint.',
            );
        }
        if (sha512 !== PACKAGES[platform]) {
            throw new InstallError(`${url} does not have the pinned SHA-512 (got ${sha512.slice(0, 16)}…); not used.`);
        }
        await unpackCompiler(nupkg, join(partial, 'bicep'));
        rmSync(nupkg);
        chmodSync(join(partial, 'bicep'), 0o755);
        renameSync(partial, home);
    } finally {
        rmSync(partial, { recursive: true, force: true });
    }
}

async function installBicep() {
    const local = process.env.HUB_BICEP;
    if (local) {
        try {
            accessSync(local, constants.X_OK);
        } catch {
            throw new InstallError(`HUB_BICEP is ${local}, which is not an executable file.`);
        }
        return local;
    }
    if (!PACKAGES[platform]) {
        throw new InstallError(
            `no pinned Bicep compiler for ${platform} (pinned: ${Object.keys(PACKAGES)}); ${LOCAL}.`,
        );
    }
    if (!existsSync(binary)) {
        mkdirSync(join(root, '.tools'), { recursive: true });
        const release = await lockfile.lock(home, { realpath: false, retries: { retries: 300, maxTimeout: 2000 } });
        try {
            if (!existsSync(binary)) await fetchCompiler();
        } finally {
            await release();
        }
    }
    return binary;
}

try {
    console.log(await installBicep());
} catch (error) {
    console.error(`installBicep: ${error instanceof InstallError ? error.message : error.stack}`);
    process.exit(1);
}

import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const SERVICES = ['Blob', 'Queue', 'Table'] as const;
type Service = (typeof SERVICES)[number];

export interface Azurite {
    connectionString: string;
    stop(): Promise<void>;
}

/**
 * Starts an in-memory Azurite (blob, queue, table) on free ports of 127.0.0.1 and resolves once all three listen.
 * Call `stop()` in `afterAll`; the process is also killed when the test process exits. `extentMemoryMb` caps what it
 * holds (tests stay small; a benchmark of a million-row part needs more).
 */
export async function startAzurite({ extentMemoryMb = 256 } = {}): Promise<Azurite> {
    // Resolved through the package, so the helper works from the TypeScript sources and from compiled benchmarks.
    const bin = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'azurite.js');
    const args = ['--inMemoryPersistence', '--skipApiVersionCheck', '--disableTelemetry', '--silent'];
    args.push('--extentMemoryLimit', String(extentMemoryMb));
    for (const service of SERVICES) {
        const flag = service.toLowerCase();
        args.push(`--${flag}Host`, '127.0.0.1', `--${flag}Port`, '0');
    }
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const stop = async () => {
        process.removeListener('exit', killOnExit);
        await terminate(child);
    };
    try {
        const ports = await listeningPorts(child);
        const endpoint = (service: Service) => `${service}Endpoint=http://127.0.0.1:${ports[service]}/${ACCOUNT};`;
        return {
            connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};${SERVICES.map(endpoint).join('')}`,
            stop,
        };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** Reads Azurite's "… service is successfully listening at http://127.0.0.1:<port>" lines until all three appear. */
function listeningPorts(child: ChildProcess): Promise<Record<Service, number>> {
    return new Promise((resolve, reject) => {
        const ports: Partial<Record<Service, number>> = {};
        let output = '';
        const fail = (reason: string) => {
            clearTimeout(timer);
            reject(new Error(`Azurite did not start: ${reason}\n${output}`));
        };
        const timer = setTimeout(() => fail(`timed out after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
        const onData = (chunk: Buffer) => {
            output += chunk.toString('utf8');
            for (const match of output.matchAll(
                /Azurite (Blob|Queue|Table) service is successfully listening at \S+:(\d+)/g,
            )) {
                ports[match[1] as Service] = Number(match[2]);
            }
            if (SERVICES.every((service) => ports[service] !== undefined)) {
                clearTimeout(timer);
                child.stdout?.off('data', onData).resume();
                resolve(ports as Record<Service, number>);
            }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.once('error', (error) => fail(error.message));
        child.once('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    });
}

/** SIGTERM, then SIGKILL if Azurite has not exited within STOP_TIMEOUT_MS. */
async function terminate(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
}

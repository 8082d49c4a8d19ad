import { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/finopsHub';

/** Runs `finops-hub <args>` in this process, capturing what it prints and its exit code. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CliIo = { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), isTty: false };
    const code = await main(['node', 'finops-hub', ...args], io);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

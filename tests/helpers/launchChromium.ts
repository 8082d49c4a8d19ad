import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, chromium } from 'playwright-core';

const REPO = join(__dirname, '..', '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/**
 * Starts a headless Chromium through playwright-core: the one `HUB_CHROMIUM` names, else the system's
 * (/usr/bin/chromium), else the one `npm ci` brought (@sparticuz/chromium), unpacked once into .tools/.
 */
export async function launchChromium(): Promise<Browser> {
    const configured = process.env.HUB_CHROMIUM;
    if (configured && !existsSync(configured)) throw new Error(`HUB_CHROMIUM is ${configured}, which does not exist.`);
    const system = configured || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
    if (system) return chromium.launch({ executablePath: system, args: ARGS });
    const home = npmChromium();
    return chromium.launch({
        executablePath: join(home, 'chromium'),
        args: ARGS,
        // the package's own fonts.conf names Lambda's folders; this one names the fonts it ships and the system's
        env: { ...process.env, FONTCONFIG_FILE: join(home, 'hub-fonts.conf') },
    });
}

/** The folder holding @sparticuz/chromium's browser, unpacked (by the package itself) on first use. */
function npmChromium(): string {
    const packageDir = join(REPO, 'node_modules', '@sparticuz', 'chromium');
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const home = join(REPO, '.tools', `chromium-${version}`);
    if (existsSync(join(home, 'hub-fonts.conf'))) return home;
    // The package unpacks into the temporary folder; point that at a folder of our own, renamed into place when whole.
    const partial = `${home}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const script = "import c from '@sparticuz/chromium'; await c.executablePath();";
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: REPO,
        env: { ...process.env, TMPDIR: partial },
        stdio: 'pipe',
    });
    const xml = (path: string) => path.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const [fonts, cache] = [join(home, 'fonts', 'fonts'), join(home, 'fonts-cache')].map(xml);
    // the system's fonts too, where there are any, for glyphs Open Sans lacks (▲ ▼)
    const conf = `<?xml version="1.0"?>\n<fontconfig><dir>${fonts}</dir><dir>/usr/share/fonts</dir><cachedir>${cache}</cachedir></fontconfig>\n`;
    writeFileSync(join(partial, 'hub-fonts.conf'), conf);
    try {
        renameSync(partial, home);
    } catch (error) {
        rmSync(partial, { recursive: true, force: true });
        if (!existsSync(join(home, 'hub-fonts.conf'))) throw error; // else another process unpacked it first
    }
    return home;
}

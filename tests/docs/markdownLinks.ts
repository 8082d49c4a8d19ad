import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** A Markdown page: its repository-relative path and its text. */
export type Page = { path: string; text: string };

/** The lines of a page outside fenced code blocks (``` or ~~~, as long as the opening fence or longer). */
function proseLines(text: string): string[] {
    const lines: string[] = [];
    let fence: string | undefined;
    for (const line of text.split('\n')) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
        if (fence === undefined && marker) fence = marker;
        else if (fence !== undefined && marker?.startsWith(fence) && line.trim() === marker) fence = undefined;
        else if (fence === undefined) lines.push(line);
    }
    return lines;
}

/** The anchor GitHub gives a heading: its text as rendered, lower-cased, punctuation dropped, spaces as hyphens. */
export function githubSlug(heading: string): string {
    const rendered = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/[`*]/g, '');
    return rendered
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
}

/** Every anchor of a page's headings; a repeated slug gets -1, -2, … as on GitHub. */
export function anchors(text: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const line of proseLines(text)) {
        const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
        if (heading === undefined) continue;
        const slug = githubSlug(heading);
        const count = seen.get(slug) ?? 0;
        seen.set(slug, count + 1);
        result.add(count === 0 ? slug : `${slug}-${count}`);
    }
    return result;
}

/** The link targets of a page: inline links and images, and reference definitions; code is skipped. */
export function linkTargets(text: string): string[] {
    const targets: string[] = [];
    for (const line of proseLines(text)) {
        const prose = line.replace(/`[^`]*`/g, 'code');
        for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1] ?? '');
        const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)?.[1];
        if (definition) targets.push(definition);
    }
    return targets;
}

/**
 * What is wrong with the links of `pages` (paths relative to `root`): a relative link to a file that does not exist,
 * an anchor no heading of its target page gives, and a page of `pages` no chain of links from the first one reaches.
 */
export function linkProblems(root: string, pages: Page[]): string[] {
    const byPath = new Map(pages.map((page) => [page.path, page]));
    const problems: string[] = [];
    const linked = new Map<string, string[]>();
    for (const page of pages) {
        const reached: string[] = [];
        for (const target of linkTargets(page.text)) {
            if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
            const [file = '', anchor] = target.split('#', 2);
            const path = file === '' ? page.path : normalize(join(dirname(page.path), decodeURI(file)));
            if (byPath.has(path)) reached.push(path);
            else if (!existsSync(join(root, path))) {
                problems.push(`${page.path}: ${target}: no file ${path}`);
                continue;
            }
            if (anchor === undefined || !path.endsWith('.md')) continue;
            const text = byPath.get(path)?.text ?? readFileSync(join(root, path), 'utf8');
            if (!anchors(text).has(anchor)) problems.push(`${page.path}: ${target}: no heading #${anchor} in ${path}`);
        }
        linked.set(page.path, reached);
    }
    const reachable = new Set<string>();
    const queue = pages.slice(0, 1).map((page) => page.path);
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        if (reachable.has(path)) continue;
        reachable.add(path);
        queue.push(...(linked.get(path) ?? []));
    }
    for (const page of pages)
        if (!reachable.has(page.path)) problems.push(`${page.path}: not reachable from ${pages[0]?.path}`);
    return problems;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { anchors, githubSlug, linkProblems, type Page } from './markdownLinks';

const ROOT = join(__dirname, '..', '..');

function repositoryPages(): Page[] {
    const docs = readdirSync(join(ROOT, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join('docs', name));
    return ['README.md', ...docs].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

describe('documentation links', () => {
    it('README.md and docs/*.md link only to files that exist and headings their pages have, and reach every page', () => {
        expect(linkProblems(ROOT, repositoryPages())).toEqual([]);
    });

    it('reports a missing file, a missing heading and a page nothing links to', () => {
        const pages: Page[] = [
            {
                path: 'README.md',
                text: '[a](docs/a.md#two) [gone](docs/gone.md) [src](src/config.ts) [b](docs/a.md#one) [data](src/focus/data/README.md#nowhere)',
            },
            { path: 'docs/a.md', text: '# One\n\n```\n# two\n```\n\n[back](../README.md#nothing)' },
            { path: 'docs/orphan.md', text: '# Orphan' },
        ];
        expect(linkProblems(ROOT, pages)).toEqual([
            'README.md: docs/a.md#two: no heading #two in docs/a.md',
            'README.md: docs/gone.md: no file docs/gone.md',
            'README.md: src/focus/data/README.md#nowhere: no heading #nowhere in src/focus/data/README.md',
            'docs/a.md: ../README.md#nothing: no heading #nothing in README.md',
            'docs/orphan.md: not reachable from README.md',
        ]);
    });

    it('makes anchors as GitHub does', () => {
        expect(githubSlug('FOCUS 1.2 conformance: `finops-hub validate`')).toBe(
            'focus-12-conformance-finops-hub-validate',
        );
        expect(githubSlug('`AIDeployments`: the inventory, one row per day × account × deployment')).toBe(
            'aideployments-the-inventory-one-row-per-day--account--deployment',
        );
        expect(githubSlug('`x_SourceChanges`')).toBe('x_sourcechanges');
        expect(githubSlug('Publishing: what a reader sees')).toBe('publishing-what-a-reader-sees');
        expect([...anchors('# Notes\n## Notes\n### Notes')]).toEqual(['notes', 'notes-1', 'notes-2']);
    });
});

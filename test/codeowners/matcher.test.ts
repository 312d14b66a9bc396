/**
 * The CODEOWNERS matcher against known pattern cases: GitHub's documented example file, and the
 * rules that trip people up (last match wins, anchoring, folders, `*` and `**`).
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, ownersOf, parseCodeowners } from '../../src/core/codeowners.js';

/** pattern → [path, matches?] cases. */
const CASES: [string, [string, boolean][]][] = [
  // Unanchored: no slash, or only a trailing one → any depth.
  ['*', [['README.md', true], ['a/b/c.txt', true]]],
  ['*.js', [['app.js', true], ['src/deep/app.js', true], ['app.jsx', false], ['app.js.map', false]]],
  ['logs', [['logs', true], ['logs/a.txt', true], ['build/logs/a.txt', true], ['logs.txt', false], ['mylogs/a', false]]],
  ['apps/', [['apps/a.txt', true], ['x/apps/y/z.txt', true], ['apps', false], ['apps.txt', false]]],
  // A leading or middle slash anchors at the root.
  ['/docs/', [['docs/a.md', true], ['docs/sub/b.md', true], ['x/docs/a.md', false], ['docs', false]]],
  ['/build/logs/', [['build/logs/x.log', true], ['build/logs/deep/x.log', true], ['src/build/logs/x.log', false]]],
  ['docs/api', [['docs/api', true], ['docs/api/index.md', true], ['x/docs/api/index.md', false], ['docs/apidoc.md', false]]],
  ['/apps/github', [['apps/github', true], ['apps/github/x.rb', true], ['apps/githubber', false]]],
  // `*` stays within one segment: docs/* matches docs/x but not docs/sub/x (GitHub docs).
  ['docs/*', [['docs/getting-started.md', true], ['docs/build-app/troubleshooting.md', false], ['x/docs/a.md', false]]],
  ['/dbt/models/ml/customer_ltv*', [['dbt/models/ml/customer_ltv.sql', true], ['dbt/models/ml/customer_ltv_v2.sql', true], ['dbt/models/ml/other.sql', false]]],
  ['src/*.ts', [['src/a.ts', true], ['src/x/a.ts', false]]],
  ['?.txt', [['a.txt', true], ['ab.txt', false], ['d/a.txt', true]]],
  // `**`: any number of folders.
  ['**/logs', [['logs/a', true], ['build/logs/a', true], ['deeply/nested/logs/a', true], ['logsx/a', false]]],
  ['/pipelines/orders/**', [['pipelines/orders/a.py', true], ['pipelines/orders/x/y/z.py', true], ['pipelines/orders', false], ['pipelines/ordersx/a.py', false]]],
  ['a/**/b', [['a/b', true], ['a/x/b', true], ['a/x/y/b', true], ['a/x/y/b/c.txt', true], ['a/bb', false]]],
  ['/**/*.sql', [['q.sql', true], ['dbt/models/q.sql', true], ['q.sq', false]]],
  // Escapes: `\#` is a literal #, `\ ` a literal space.
  ['/notes/\\#1.md', [['notes/#1.md', true], ['notes/1.md', false]]],
  ['/my\\ docs/', [['my docs/a.md', true], ['my/a.md', false]]],
  // Regex characters are literal.
  ['/a+b/(c).md', [['a+b/(c).md', true], ['aab/c.md', false]]],
];

describe('compilePattern', () => {
  for (const [pattern, paths] of CASES) {
    for (const [path, expected] of paths) {
      it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
        expect(compilePattern(pattern).test(path)).toBe(expected);
      });
    }
  }
});

/** The example file of GitHub's CODEOWNERS documentation. */
const GITHUB_EXAMPLE = `# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
`;

describe('ownersOf: the last match wins', () => {
  const rules = parseCodeowners(GITHUB_EXAMPLE);
  const table: [string, string[]][] = [
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes/a.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']], // **/logs comes after /build/logs/
    ['docs/getting-started.md', ['@doctocat']], // /docs/ comes after docs/*
    ['docs/build-app/troubleshooting.md', ['@doctocat']],
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deeply/nested/logs/x.txt', ['@octocat']],
    ['apps/web/x.rb', ['@octocat']],
    ['apps/github/x.rb', []], // a pattern with no owners: nobody owns it
    ['src/app.txt', ['@octo-org/octocats']],
  ];
  for (const [path, owners] of table) {
    it(`${path} → ${owners.join(' ') || '(no owners)'}`, () => expect(ownersOf(rules, path).owners).toEqual(owners));
  }

  it('parses inline comments and keeps line numbers', () => {
    expect(rules[1]).toEqual({ pattern: '*.js', owners: ['@js-owner'], line: 3 });
    expect(rules.at(-1)).toEqual({ pattern: '/apps/github', owners: [], line: 13 });
  });

  it('has no owners when nothing matches', () => {
    expect(ownersOf(parseCodeowners('/only/ @x\n'), 'other/file')).toEqual({ owners: [] });
  });
});

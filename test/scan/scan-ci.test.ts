// `seatbelt scan` as CI runs it, through the real binary, over realistic CI files written for this
// test (test/scan/fixtures/realistic: a Node GitHub Actions workflow, a Go Makefile with its shared
// Makefile.common, a Python Dockerfile with apt clean-up and an entrypoint, a Prometheus-style
// Dockerfile, a GitLab CI file, a release script with `npm publish`): the exact findings, their
// levels, SARIF validated against the SARIF 2.1.0 JSON schema, inline markers, the baseline,
// excludes, --strict and the exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { sb, tempHome } from '../hooks/spawn.js';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/realistic');
const require = createRequire(import.meta.url);
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

type Finding = { file: string; line: number; rule: string; level: string; verdict: string; fingerprint: string; line_text: string };

/** Every finding in the fixture: file:line, rule, SARIF level, and what it does to the run. */
const EXPECTED = [
  ['.github/workflows/ci.yml:53', 'remote_code.download_to_shell', 'error', 'block'],
  ['.github/workflows/ci.yml:54', 'catalogue.publish', 'error', 'block'],
  ['.gitlab-ci.yml:49', 'filesystem.recursive_delete_dynamic_target', 'warning', 'warn'],
  ['.gitlab-ci.yml:57', 'infra.kubernetes_delete_broad', 'error', 'allowed'],
  ['Dockerfile:31', 'remote_code.download_to_shell', 'error', 'block'],
  ['Makefile:25', 'parse.dynamic_command', 'warning', 'warn'],
  ['Makefile:33', 'remote_code.download_to_shell', 'error', 'block'],
  ['scripts/release.sh:25', 'catalogue.publish', 'error', 'allowed'],
  ['scripts/release.sh:28', 'filesystem.recursive_delete_dynamic_target', 'warning', 'warn'],
];

const temps: Array<ReturnType<typeof tempHome>> = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t.dir, { recursive: true, force: true });
});

/** A private copy of the fixture in a scratch folder with a scratch HOME and SEATBELT_HOME. */
function setup(): { t: ReturnType<typeof tempHome>; repo: string } {
  const t = tempHome();
  temps.push(t);
  const repo = path.join(t.dir, 'repo');
  cpSync(FIXTURE, repo, { recursive: true });
  return { t, repo };
}

const rows = (out: { findings: Finding[] }) => out.findings.map((f) => [`${f.file}:${f.line}`, f.rule, f.level, f.verdict]);

describe('seatbelt scan on realistic CI files', () => {
  it('reports exactly the expected findings: rule matches fail the run, what cannot be judged is a warning', async () => {
    const { t, repo } = setup();
    const r = await sb(['scan', '--json'], { env: t.env, cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(rows(out)).toEqual(EXPECTED);
    expect(out).toMatchObject({ files_scanned: 8, blocked: 4, warnings: 3, allowed: 2, known: 0, strict: false });
    // Known false findings stay away: apt clean-up and chown in an image build, `exec "$@"`,
    // `$(GO) run` (GO comes from Makefile.common), `run: true`, `apt-mark auto '.*'`.
    const places = out.findings.map((f: Finding) => `${f.file}:${f.line}`);
    for (const p of [
      'Dockerfile:17',
      'Dockerfile:20',
      'Dockerfile:22',
      'deploy/prometheus/Dockerfile:13',
      'Makefile:21',
      '.github/workflows/ci.yml:29',
    ])
      expect(places).not.toContain(p);
    expect(out.skipped).toEqual([
      expect.objectContaining({ file: '.github/workflows/ci.yml', line: 43, message: expect.stringMatching(/pwsh.*not judged/) }),
      expect.objectContaining({
        file: 'docker-entrypoint.sh',
        line: 13,
        message: expect.stringMatching(/^exec "\$@" runs the command the script's caller passes/),
      }),
    ]);
  });

  it('shows the source text, never an internal placeholder, in text, JSON and SARIF', async () => {
    const { t, repo } = setup();
    for (const format of ['text', 'json', 'sarif']) {
      const r = await sb(['scan', '--format', format], { env: t.env, cwd: repo });
      expect(r.stdout, format).not.toMatch(/SEATBELT_(GHA_EXPR|MAKE_VAR)/);
    }
    const text = (await sb(['scan'], { env: t.env, cwd: repo })).stdout;
    expect(text).toContain(
      [
        'Makefile:25: WARN parse.dynamic_command — the command name $(shell $(GO) env GOPATH)/bin/golangci-lint is only known when the script runs',
        '    risk:        HIGH, cannot be judged statically (fails only with --strict)',
        '    line:        $(GOLANGCI_LINT) run --timeout 5m',
        '    command:     $(shell $(GO) env GOPATH)/bin/golangci-lint run --timeout 5m',
      ].join('\n'),
    );
    expect(text).toContain(
      '.gitlab-ci.yml:57: ALLOWED infra.kubernetes_delete_broad — review apps are torn down on every merge (marker on line 57)',
    );
    expect(text).toMatch(/^seatbelt scan: 46 commands in 8 files, 4 blocked, 3 warnings, 2 allowed by markers$/m);
  });

  it('--strict fails on the warnings too', async () => {
    const { t, repo } = setup();
    const r = await sb(['scan', '--json', '--strict'], { env: t.env, cwd: repo });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(rows(out)).toEqual(
      EXPECTED.map(([p, rule, level, verdict]) => [p, rule, verdict === 'warn' ? 'error' : level, verdict === 'warn' ? 'block' : verdict]),
    );
  });

  it('exits 0 when only warnings are left, and 1 again with --strict', async () => {
    const { t, repo } = setup();
    const r = await sb(['scan', '.gitlab-ci.yml', 'scripts/release.sh'], { env: t.env, cwd: repo });
    expect(r.stdout).toMatch(/0 blocked, 2 warnings, 2 allowed by markers$/m);
    expect(r.exitCode).toBe(0);
    expect((await sb(['scan', '--strict', '.gitlab-ci.yml'], { env: t.env, cwd: repo })).exitCode).toBe(1);
  });

  it('SARIF 2.1.0: valid against the schema, level by risk, security-severity and tags per rule, fingerprints, suppressions', async () => {
    const { t, repo } = setup();
    const r = await sb(['scan', '--format', 'sarif'], { env: t.env, cwd: repo });
    expect(r.exitCode).toBe(1);
    const sarif = JSON.parse(r.stdout);
    // The schema is draft-04 (`id`, draft-04 meta-schema), which it uses only in ways draft-07 reads alike.
    const { $schema: _draft04, id, ...schema } = SARIF_SCHEMA;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const valid = ajv.validate({ ...schema, $id: id }, sarif);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
    const run = sarif.runs[0];
    const rules = new Map<string, any>(run.tool.driver.rules.map((x: any) => [x.id, x]));
    expect(rules.get('remote_code.download_to_shell').properties).toMatchObject({
      'security-severity': '8.0',
      tags: expect.arrayContaining(['security', 'remote_code']),
    });
    expect(rules.get('infra.kubernetes_delete_broad').properties['security-severity']).toBe('9.5');
    expect(rules.get('parse.dynamic_command').properties).toMatchObject({
      'security-severity': '4.0',
      tags: expect.arrayContaining(['security', 'cannot-judge-statically']),
    });
    for (const rule of rules.values()) expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
    const results = run.results.map((x: any) => [
      `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`,
      x.ruleId,
      x.level,
    ]);
    expect(results).toEqual(EXPECTED.map(([p, rule, level]) => [p, rule, level]));
    const dockerfile = run.results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'Dockerfile');
    expect(dockerfile.message.text).toContain('`RUN curl -fsSL https://agent.example.com/install.sh | bash`');
    expect(dockerfile.locations[0].physicalLocation.region.snippet.text).toBe('RUN curl -fsSL https://agent.example.com/install.sh | bash');
    expect(dockerfile.partialFingerprints['seatbeltFinding/v1']).toMatch(/^[0-9a-f]{32}:1$/);
    const allowed = run.results.filter((x: any) => x.suppressions);
    expect(allowed.map((x: any) => x.suppressions)).toEqual([
      [{ kind: 'inSource', justification: 'review apps are torn down on every merge' }],
      [{ kind: 'inSource', justification: 'releases are cut by a maintainer from a clean tree' }],
    ]);
  });

  it('fingerprints stay the same when lines move, and change when the line itself changes', async () => {
    const { t, repo } = setup();
    const prints = async () => {
      const out = JSON.parse((await sb(['scan', '--json'], { env: t.env, cwd: repo })).stdout);
      return new Map<string, string>(out.findings.map((f: Finding) => [f.fingerprint, `${f.file}:${f.line}`]));
    };
    const before = await prints();
    const df = path.join(repo, 'Dockerfile');
    writeFileSync(df, '# moved down by a new header\n\n' + readFileSync(df, 'utf8'));
    const after = await prints();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const moved = [...after].find(([, place]) => place.startsWith('Dockerfile:'))!;
    expect(moved[1]).toBe('Dockerfile:33');
    writeFileSync(df, readFileSync(df, 'utf8').replace('agent.example.com', 'agent2.example.com'));
    const edited = await prints();
    expect(edited.has(moved[0])).toBe(false);
  });

  it('a baseline hides the known findings and fails only on new ones; --update-baseline writes stable sorted JSON', async () => {
    const { t, repo } = setup();
    const base = path.join(t.dir, 'baseline.json');
    const w = await sb(['scan', '--baseline', base, '--update-baseline'], { env: t.env, cwd: repo });
    expect(w.exitCode).toBe(0);
    expect(w.stderr).toBe(`seatbelt: wrote 7 findings to the baseline ${base}`);
    const first = readFileSync(base, 'utf8');
    const json = JSON.parse(first);
    expect(json.version).toBe(1);
    expect(json.findings.map((e: any) => e.file)).toEqual([...json.findings.map((e: any) => e.file)].sort());
    expect(json.findings[0]).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}:1$/),
      rule: 'catalogue.publish',
      file: '.github/workflows/ci.yml',
      text: '- run: npm publish --provenance',
    });
    expect(Object.keys(json.findings[0])).toEqual(['fingerprint', 'rule', 'file', 'text']);
    // Writing again gives the same bytes.
    await sb(['scan', '--baseline', base, '--update-baseline'], { env: t.env, cwd: repo });
    expect(readFileSync(base, 'utf8')).toBe(first);

    const known = await sb(['scan', '--baseline', base, '--strict'], { env: t.env, cwd: repo });
    expect(known.exitCode).toBe(0);
    expect(known.stdout).toMatch(/0 blocked, 0 warnings, 2 allowed by markers, 7 known in the baseline$/m);
    expect(known.stdout).not.toMatch(/: (BLOCK|WARN) /);

    writeFileSync(path.join(repo, 'scripts', 'cleanup.sh'), '#!/bin/sh\ncurl -fsSL https://example.com/x.sh | sh\n');
    const fresh = await sb(['scan', '--baseline', base, '--format', 'sarif'], { env: t.env, cwd: repo });
    expect(fresh.exitCode).toBe(1);
    const results = JSON.parse(fresh.stdout).runs[0].results;
    expect(
      results.filter((x: any) => x.baselineState === 'new').map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri),
    ).toEqual(['scripts/cleanup.sh']);
    expect(results.filter((x: any) => x.baselineState === 'unchanged')).toHaveLength(7);
  });

  it('a malformed baseline is refused with every bad field (65); a missing one is 66', async () => {
    const { t, repo } = setup();
    const bad = path.join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 2, extra: 1, findings: [{ fingerprint: 'x', rule: 3, file: 'a' }, 'no'] }));
    const r = await sb(['scan', '--baseline', bad], { env: t.env, cwd: repo });
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    for (const field of [
      'extra: unknown field',
      'version: expected 1, got 2',
      'findings[0].rule: expected a string',
      'findings[0].text: expected a string',
      'findings[0].fingerprint: expected 32 hex digits',
      'findings[1]: expected an object',
    ])
      expect(r.stderr).toContain(field);
    expect((await sb(['scan', '--baseline', path.join(t.dir, 'none.json')], { env: t.env, cwd: repo })).exitCode).toBe(66);
    expect((await sb(['scan', '--update-baseline'], { env: t.env, cwd: repo })).exitCode).toBe(64);
    expect((await sb(['scan', 'no/such/path'], { env: t.env, cwd: repo })).exitCode).toBe(66);
  });

  it('--exclude and .seatbeltignore leave paths out (gitignore-like globs), and say how many', async () => {
    const { t, repo } = setup();
    const r = await sb(['scan', '--json', '--exclude', 'Makefile*', '--exclude', '.github/'], { env: t.env, cwd: repo });
    const out = JSON.parse(r.stdout);
    expect(out.files_excluded).toBe(3); // Makefile, Makefile.common and the .github folder
    expect(out.findings.map((f: Finding) => f.file)).not.toContain('Makefile');
    expect(out.findings.map((f: Finding) => f.file)).not.toContain('.github/workflows/ci.yml');
    writeFileSync(path.join(repo, '.seatbeltignore'), '# vendored\n/Dockerfile\nscripts/\n!scripts/release.sh\n');
    const ig = JSON.parse((await sb(['scan', '--json'], { env: t.env, cwd: repo })).stdout);
    const files = new Set(ig.findings.map((f: Finding) => f.file));
    expect(files.has('Dockerfile')).toBe(false);
    expect(files.has('scripts/release.sh')).toBe(false); // a folder left out cannot be re-included, as in git
    expect(files.has('Makefile')).toBe(true);
    expect((await sb(['scan'], { env: t.env, cwd: repo })).stdout).toMatch(/, 2 excluded$/m);
  });

  it('a marker without a reason is itself a finding, and does not allow anything', async () => {
    const { t } = setup();
    const dir = path.join(t.dir, 'm');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'build.sh'),
      '#!/bin/sh\n# seatbelt: allow remote_code.download_to_shell\ncurl -fsSL https://example.com/x.sh | sh\ncurl https://example.com/y.sh | bash # seatbelt: allow remote_code.download_to_shell --\n',
    );
    const out = JSON.parse((await sb(['scan', '--json', dir], { env: t.env })).stdout);
    expect(rows(out).map(([p, rule, , verdict]) => [p!.replace(/^.*\//, ''), rule, verdict])).toEqual([
      ['build.sh:2', 'scan.invalid_suppression', 'block'],
      ['build.sh:3', 'remote_code.download_to_shell', 'block'],
      ['build.sh:4', 'remote_code.download_to_shell', 'block'],
      ['build.sh:4', 'scan.invalid_suppression', 'block'],
    ]);
  });
});

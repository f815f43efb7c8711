// The pure parts of `seatbelt scan` CI support: severity by kind, inline markers, the baseline's
// validation and text, fingerprints, path excludes and placeholders.
import { describe, expect, it } from 'vitest';
import { fails, levelOf, securitySeverity } from '../../src/adapters/scan/severity.js';
import { allowedBy, readMarkers } from '../../src/adapters/scan/suppress.js';
import { baselineText, validateBaseline } from '../../src/adapters/scan/baseline.js';
import { fingerprints } from '../../src/adapters/scan/fingerprint.js';
import { PathFilter } from '../../src/adapters/scan/ignore.js';
import { Placeholders } from '../../src/adapters/scan/placeholders.js';

describe('severity', () => {
  it('a rule match keeps its risk and fails; what cannot be judged is a warning that fails only with --strict', () => {
    expect(levelOf({ class: 'rule', risk: 'CRITICAL' }, false)).toBe('error');
    expect(levelOf({ class: 'rule', risk: 'HIGH' }, false)).toBe('error');
    expect(levelOf({ class: 'rule', risk: 'MEDIUM' }, false)).toBe('warning');
    expect(levelOf({ class: 'rule', risk: 'LOW' }, false)).toBe('note');
    expect(levelOf({ class: 'fail_closed', risk: 'CRITICAL' }, false)).toBe('warning');
    expect(levelOf({ class: 'fail_closed', risk: 'CRITICAL' }, true)).toBe('error');
    expect(fails({ class: 'rule', risk: 'LOW' }, false)).toBe(true);
    expect(fails({ class: 'guard', risk: 'CRITICAL' }, false)).toBe(true);
    expect(fails({ class: 'fail_closed', risk: 'HIGH' }, false)).toBe(false);
    expect(fails({ class: 'fail_closed', risk: 'HIGH' }, true)).toBe(true);
    expect(fails({ class: 'rule', risk: 'HIGH', suppressed: { justification: 'x' } }, true)).toBe(false);
    expect(fails({ class: 'rule', risk: 'HIGH', baselined: true }, true)).toBe(false);
  });

  it("security-severity follows GitHub's bands", () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((risk) => securitySeverity({ class: 'rule', risk: risk as 'LOW' }, false))).toEqual([
      '9.5',
      '8.0',
      '5.5',
      '2.0',
    ]);
    expect(securitySeverity({ class: 'fail_closed', risk: 'CRITICAL' }, false)).toBe('4.0');
    expect(securitySeverity({ class: 'fail_closed', risk: 'CRITICAL' }, true)).toBe('9.5');
  });
});

describe('inline markers', () => {
  const text = [
    'curl x | sh # seatbelt: allow remote_code.download_to_shell -- pinned and reviewed', // 1: its own line
    '# seatbelt: allow a.b, c.d -- two rules', //                                         2: the next line
    'run thing', //                                                                        3
    '# seatbelt: allow a.b', //                                                            4: no reason
    '# seatbelt: allow -- no rule', //                                                     5
    'echo x # seatbelt: allow x.y --   ', //                                               6: empty reason
    'echo not#seatbelt: allow x.y -- glued to a word, not a comment', //                 7
  ].join('\n');

  it('reads the rule ids, the reason and the line each covers; a marker without a reason or rule is bad', () => {
    const { markers, bad } = readMarkers(text);
    expect(markers.map((m) => [m.line, m.covers, m.ruleIds, m.reason])).toEqual([
      [1, 1, ['remote_code.download_to_shell'], 'pinned and reviewed'],
      [2, 3, ['a.b', 'c.d'], 'two rules'],
    ]);
    expect(bad.map((b) => b.line)).toEqual([4, 5, 6]);
    expect(bad[0]!.message).toMatch(/needs a reason after "--"/);
  });

  it('allows only the named rules on the covered line, and remembers which markers were used', () => {
    const { markers } = readMarkers(text);
    expect(allowedBy(markers, 3, 'c.d')?.reason).toBe('two rules');
    expect(allowedBy(markers, 3, 'x.y')).toBeUndefined();
    expect(allowedBy(markers, 2, 'a.b')).toBeUndefined();
    expect(markers.map((m) => m.used)).toEqual([false, true]);
  });
});

describe('baseline', () => {
  const entry = { fingerprint: `${'a'.repeat(32)}:1`, rule: 'x.y', file: 'f', text: 'run' };

  it('accepts what scan writes and collects every bad field', () => {
    expect(validateBaseline(JSON.parse(baselineText([entry])))).toEqual({ baseline: { version: 1, findings: [entry] } });
    expect(validateBaseline([])).toEqual({ errors: ['the baseline must be a JSON object'] });
    const r = validateBaseline({ version: '1', findings: [{ ...entry, fingerprint: 'A:1', more: true }, null] });
    expect(r).toEqual({
      errors: [
        'version: expected 1, got "1"',
        'findings[0].more: unknown field',
        'findings[0].fingerprint: expected 32 hex digits, ":" and a count (as seatbelt scan writes it)',
        'findings[1]: expected an object',
      ],
    });
  });

  it('writes entries sorted by file, rule and fingerprint, the same bytes whatever the order given', () => {
    const b = { ...entry, file: 'a', fingerprint: `${'b'.repeat(32)}:1` };
    const c = { ...entry, file: 'a', rule: 'a.a' };
    expect(baselineText([entry, b, c])).toBe(baselineText([c, entry, b]));
    expect(JSON.parse(baselineText([entry, b, c])).findings.map((e: typeof entry) => `${e.file} ${e.rule}`)).toEqual([
      'a a.a',
      'a x.y',
      'f x.y',
    ]);
  });
});

describe('fingerprints', () => {
  it('hash the rule, the line text with blanks normalised and the file; count repeats', () => {
    const [a, b, c, d] = fingerprints([
      { ruleId: 'r', lineText: 'rm  -rf  x', file: 'f' },
      { ruleId: 'r', lineText: '  rm -rf x ', file: 'f' },
      { ruleId: 'r', lineText: 'rm -rf x', file: 'g' },
      { ruleId: 's', lineText: 'rm -rf x', file: 'f' },
    ]);
    expect(a!.split(':')).toEqual([b!.split(':')[0], '1']);
    expect(b!.endsWith(':2')).toBe(true);
    expect(c!.split(':')[0]).not.toBe(a!.split(':')[0]);
    expect(d!.split(':')[0]).not.toBe(a!.split(':')[0]);
  });
});

describe('path excludes (gitignore-like)', () => {
  it.each([
    ['Makefile*', 'Makefile', true],
    ['Makefile*', 'sub/Makefile.common', true],
    ['/Dockerfile', 'Dockerfile', true],
    ['/Dockerfile', 'deploy/Dockerfile', false],
    ['deploy/', 'deploy/prometheus/Dockerfile', true],
    ['deploy/', 'deploy', false], // a file named deploy is not a folder
    ['**/fixtures/**', 'test/scan/fixtures/a/b.sh', true],
    ['*.sh', 'scripts/release.sh', true],
    ['scripts/*.sh', 'scripts/sub/x.sh', false],
    ['[ab].yml', 'b.yml', true],
  ])('%s on %s → %s', (glob, file, out) => {
    expect(new PathFilter([glob]).excludes(file)).toBe(out);
  });

  it('a later ! re-includes a file, but not one whose folder is left out; comments and blanks are ignored', () => {
    const f = new PathFilter(['# vendored', '', '*.sh', '!keep.sh', 'vendor/', '!vendor/keep.sh']);
    expect(f.excludes('a.sh')).toBe(true);
    expect(f.excludes('keep.sh')).toBe(false);
    expect(f.excludes('vendor/keep.sh')).toBe(true);
    expect(new PathFilter(['# only a comment']).empty).toBe(true);
  });
});

describe('placeholders', () => {
  it('map each unknown text to its own parameter and back, nested ones included', () => {
    const p = new Placeholders('SEATBELT_MAKE_VAR');
    const inner = p.for('$(GO)');
    const outer = p.for(`$(shell ${inner} env GOPATH)`);
    expect([inner, outer, p.for('$(GO)')]).toEqual(['${SEATBELT_MAKE_VAR_1}', '${SEATBELT_MAKE_VAR_2}', '${SEATBELT_MAKE_VAR_1}']);
    expect(p.restore(`${outer}/bin/lint run`)).toBe('$(shell $(GO) env GOPATH)/bin/lint run');
    expect(p.restore('no placeholder here')).toBe('no placeholder here');
  });
});

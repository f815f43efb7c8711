// The rule index (src/rules/shell/rule-index.ts) may only skip rules that cannot match: over every
// rule's examples, every catalogue spec's examples and the labelled shell corpus, the indexed
// evaluation finds exactly what running every rule on every command finds, and a rule naming its
// programs never matches a command of another program.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShellIr, SimpleCommand } from '../../../src/core/ir.js';
import { shellIrFromArgv, shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { catalogue } from '../../../src/catalogue/index.js';
import { SHELL_RULES, evaluateShell } from '../../../src/rules/shell/index.js';
import { hiddenCommandsOf } from '../../../src/rules/shell/hidden-commands.js';
import { allRules, ruleIndex } from '../../../src/rules/shell/rule-index.js';
import type { ShellRule } from '../../../src/rules/rule.js';
import { cmd, ctx, irOf } from './helpers.js';

type Input = { script: string } | { argv: string[] };

function inputs(): Input[] {
  const scripts = new Set<string>();
  for (const r of SHELL_RULES) for (const s of [...r.examples.block, ...r.examples.allow]) scripts.add(s);
  for (const s of catalogue()) for (const x of [...s.examples.block, ...s.examples.allow]) scripts.add(x);
  const out: Input[] = [...scripts].map((script) => ({ script }));
  const corpus = readFileSync(new URL('../../corpus/shell.jsonl', import.meta.url), 'utf8');
  for (const line of corpus.split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as { input?: string; argv?: string[] };
    out.push(c.input !== undefined ? { script: c.input } : { argv: c.argv! });
  }
  return out;
}

const irOfInput = (i: Input): Promise<ShellIr> => ('script' in i ? shellIrFromScript(i.script, ctx) : shellIrFromArgv(i.argv, ctx));
const label = (i: Input) => ('script' in i ? i.script : JSON.stringify(i.argv));
const declaring = SHELL_RULES.filter((r) => r.programs !== undefined);
const names = (r: ShellRule) => r.programs?.map((p) => p.toLowerCase());

describe('the shell rule index', () => {
  it('indexes some rules by program, and keeps the rest for every command', () => {
    expect(declaring.length).toBeGreaterThan(0);
    expect(declaring.length).toBeLessThan(SHELL_RULES.length);
  });

  it('gives a command its program’s rules and every undeclared rule, in the rules’ order', () => {
    const index = ruleIndex(SHELL_RULES);
    for (const name of ['git', 'GIT', 'ls', 'terraform', 'no-such-program']) {
      const expected = SHELL_RULES.filter((r) => names(r)?.includes(name.toLowerCase()) ?? true);
      expect(index(cmd(name, [])).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
    // A name computed at run time meets every rule.
    const dynamic = cmd('git', []);
    dynamic.name = { value: '$X', static: false, raw: '$X' };
    expect(index(dynamic)).toEqual(SHELL_RULES);
  });

  it('follows rules added to the list after it was made', () => {
    const added: ShellRule = { ...SHELL_RULES.find((r) => r.programs === undefined)!, id: 'test.added', match: () => true };
    SHELL_RULES.push(added);
    try {
      expect(evaluateShell(irOf(cmd('git', ['status']))).map((m) => m.ruleId)).toContain('test.added');
    } finally {
      SHELL_RULES.pop();
    }
  });

  it('finds what every rule on every command finds, over the examples and the shell corpus', async () => {
    const every = allRules(SHELL_RULES);
    const differ: string[] = [];
    const strays: string[] = [];
    for (const input of inputs()) {
      const ir = await irOfInput(input);
      if (JSON.stringify(evaluateShell(ir)) !== JSON.stringify(evaluateShell(ir, undefined, every))) differ.push(label(input));
      const view: ShellIr = { ...ir, home: ir.home ?? ctx.home, cwd: ir.cwd ?? ctx.cwd };
      const commands: SimpleCommand[] = view.commands.flatMap((c) => [c, ...hiddenCommandsOf(c)]);
      for (const c of commands) {
        const name = c.name.static ? c.name.value.toLowerCase() : undefined;
        for (const r of declaring) {
          if (name !== undefined && names(r)!.includes(name)) continue;
          if (!c.name.static) continue; // every rule meets a computed name
          let hit = false;
          try {
            hit = r.match(c, view);
          } catch {
            hit = false; // a throwing rule is reported the same way indexed or not
          }
          if (hit) strays.push(`${r.id} matched ${JSON.stringify(c.name.value)} in ${label(input)}`);
        }
      }
    }
    expect(strays).toEqual([]);
    expect(differ).toEqual([]);
  }, 120_000);
});

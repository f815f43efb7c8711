// A fixed guard (src/rules/shell/fixed-guard.ts) only spares work: over every rule example, the
// matches under a fixed guard, reused across decisions as a batch reuses it, are the matches under
// the same guard unmarked.
import { describe, expect, it } from 'vitest';
import type { GuardContext } from '../../../src/core/guarded.js';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { SHELL_RULES, evaluateShell } from '../../../src/rules/shell/index.js';
import { fixedGuard, isFixedGuard } from '../../../src/rules/shell/fixed-guard.js';
import { ctx } from './helpers.js';

/** Links as a session might find them: the home's .seatbelt is a link elsewhere. */
function guard(): GuardContext {
  const links: Record<string, string> = { '/home/user/.seatbelt': '/srv/seatbelt-home', '/home/user/project': '/home/user/project' };
  return {
    paths: [
      { path: '/home/user/.seatbelt', kind: 'seatbelt_home' },
      { path: '/home/user/project/.git/hooks', kind: 'git_hooks' },
    ],
    realpath: (p) => links[p] ?? (p === '/' || p === '/home' || p === '/home/user' ? p : null),
  };
}

describe('a fixed guard', () => {
  it('is marked only when asked', () => {
    const g = guard();
    expect(isFixedGuard(g)).toBe(false);
    expect(isFixedGuard(fixedGuard(g))).toBe(true);
    expect(isFixedGuard(undefined)).toBe(false);
  });

  it('gives every rule example the matches the unmarked guard gives', async () => {
    const fixed = fixedGuard(guard());
    const scripts = [...new Set(SHELL_RULES.flatMap((r) => [...r.examples.block, ...r.examples.allow]))];
    scripts.push('rm -rf ~/.seatbelt', 'rm -rf /srv/seatbelt-home/keys', 'mv /srv/seatbelt-home /tmp');
    const differ: string[] = [];
    for (const script of scripts) {
      const ir = await shellIrFromScript(script, ctx);
      const plain = evaluateShell(ir, { ...ctx, guard: guard() });
      const again = evaluateShell(await shellIrFromScript(script, ctx), { ...ctx, guard: fixed });
      if (JSON.stringify(plain) !== JSON.stringify(again)) differ.push(script);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});

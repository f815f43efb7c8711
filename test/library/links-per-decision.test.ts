// One guard, many decisions: links are resolved once per decision (a memo for the moment of one
// decision), never carried over to the next one, since a command run in between may have made a
// link. The link points into the scratch seatbelt home; the command is only checked, never run.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createGuard } from '../../src/index.js';
import { scratch, type Scratch } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = scratch();
  mkdirSync(path.join(s.home, 'keys'), { recursive: true });
});
afterEach(() => s.remove());

it('a link made after a decision is seen by the next decision of the same guard', async () => {
  const guard = createGuard(s.options);
  const action = { kind: 'shell', script: 'rm -rf ./shortcut/keys' } as const;
  expect((await guard.check(action)).decision).toBe('allow'); // nothing there yet
  symlinkSync(s.home, path.join(s.cwd, 'shortcut'));
  const second = await guard.check(action);
  expect(second.decision).toBe('block');
  expect(second.matches.map((m) => m.ruleId)).toContain('self_protection.guarded_path');
});

// git's option grammar: a long option with an optional value takes it only with `=`
// (`--track[=(direct|inherit)]`), one with a required value takes the next word (`--unified 3`,
// `--inter-hunk-context 3`, values of `checkout -p`). A misread either hides a path operand or
// invents one.
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from './helpers.js';

const ids = async (s: string) => (await matchesOf(s)).map((m) => m.ruleId);

describe('git checkout options read as git reads them', () => {
  it('--track takes no separate value: `main file.txt` are a commit and a path', async () => {
    expect(await ids('git checkout --track main file.txt')).toContain('git.checkout_discard');
    expect(await ids('git checkout --recurse-submodules main file.txt')).toContain('git.checkout_discard');
    expect(decisionOf(await matchesOf('git checkout --track origin/feature'))).toBe('allow');
    expect(decisionOf(await matchesOf('git checkout --track=direct origin/feature'))).toBe('allow');
  });

  it('--unified and --inter-hunk-context take the next word as their value', async () => {
    for (const s of [
      'git checkout --unified 3 main',
      'git checkout --inter-hunk-context 3 main',
      'git checkout -U 3 main',
      'git checkout -p --inter-hunk-context 3 main',
      'git checkout --conflict merge main',
    ]) {
      expect(await ids(s), s).not.toContain('git.checkout_discard');
    }
    expect(await ids('git checkout --unified 3 main -- file.txt')).toContain('git.checkout_discard');
  });

  it('git reset -p with a hunk size moves no branch', async () => {
    expect(await ids('git reset --unified 3 -p HEAD~1')).not.toContain('git.history_rewrite');
    expect(await ids('git reset HEAD~1')).toContain('git.history_rewrite');
  });

  it('everyday checkouts stay as they were', async () => {
    expect(decisionOf(await matchesOf('git checkout main'))).toBe('allow');
    expect(decisionOf(await matchesOf('git checkout -b feature/x'))).toBe('allow');
  });
});

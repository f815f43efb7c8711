// Launchers from the catalogue are followed by the IR: what they run is judged like any command,
// inside one another up to a bound (limits.maxLaunchers) past which the analysis fails closed, and
// together with the project runners (one bound for mixed chains).
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from '../rules/shell/helpers.js';
import { DEFAULT_LIMITS } from '../../src/analyze/shell/limits.js';

const HOME = 'filesystem.recursive_delete_home';
const LIMIT = 'limits.nesting_too_deep';

async function refusedBy(src: string, id: string): Promise<void> {
  const m = await matchesOf(src);
  expect(decisionOf(m), src.slice(0, 120)).toBe('block');
  expect(
    m.map((x) => x.ruleId),
    src.slice(0, 120),
  ).toContain(id);
}

async function allowed(src: string): Promise<void> {
  const m = await matchesOf(src);
  expect(decisionOf(m), `${src}: ${m.map((x) => x.ruleId).join(', ')}`).toBe('allow');
}

describe('catalogue launchers inside one another', () => {
  const max = DEFAULT_LIMITS.maxLaunchers;
  it('10 deep is judged by what it runs', async () => {
    await refusedBy(`${'xvfb-run '.repeat(10)}rm -rf ~`, HOME);
  });
  it(`${max} deep is judged; ${max + 1} deep is refused whatever it runs`, async () => {
    await refusedBy(`${'xvfb-run '.repeat(max)}rm -rf ~`, HOME);
    await refusedBy(`${'eatmydata '.repeat(max + 1)}true`, LIMIT);
  });
  it('a very deep nesting is a limit, not a crash', async () => {
    await refusedBy(`${'eatmydata '.repeat(2000)}true`, LIMIT);
  });
  it('mixed with the project runners, the same bound holds', async () => {
    await refusedBy(`${'strace npx xvfb-run cross-env '.repeat(5)}true`, LIMIT);
    await refusedBy('strace npx xvfb-run cross-env rm -rf ~', HOME);
  });
  it('project runners count towards the same bound', async () => {
    await refusedBy(`${'strace '.repeat(max - 2)}cross-env strace strace true`, LIMIT);
    await refusedBy(`${'strace '.repeat(max - 1)}npx rm -rf ~`, HOME);
  });
});

describe('what a launcher runs, through project runners', () => {
  it('a script run by a catalogue launcher inside npx is parsed and judged (the IR follows both)', async () => {
    await refusedBy("npx xvfb-run bash -c 'rm -rf ~'", HOME);
    await refusedBy("xvfb-run npx bash -c 'rm -rf ~'", HOME);
  });
  it('everyday chains stay allowed', async () => {
    await allowed('npx xvfb-run -a npm test');
    await allowed('xvfb-run -a npx playwright test');
    await allowed("strace -f -o trace.txt bash -c 'make test'");
  });
});

describe('launchers with analysis of their own', () => {
  it('podman unshare runs its command here, in the user namespace', async () => {
    await refusedBy('podman unshare rm -rf ~', HOME);
    await allowed('podman unshare ls -la ~/.local/share/containers');
    await allowed('podman ps');
  });
});

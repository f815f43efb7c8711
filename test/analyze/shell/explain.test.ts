// The explain text shows each command with its context chain, words, redirects, cwd, wrappers.
import { describe, expect, it } from 'vitest';
import { explainIr } from '../../../src/analyze/shell/index.js';
import { ir } from './helpers.js';

describe('explainIr', () => {
  it('describes commands, words, context, wrappers, cwd and undecidables', async () => {
    const text = explainIr(await ir('cd /tmp && sudo rm -rf "$D" *.log 2>/dev/null | tee out; psql -c "DROP TABLE t"; $x'));
    expect(text).toContain('#1 "rm"');
    expect(text).toMatch(/args\s+"-rf" dynamic\("\$D"\) glob\(\*\.log\)/);
    expect(text).toMatch(/redirects\s+2> "\/dev\/null"/);
    expect(text).toMatch(/context\s+list\(&&\) › pipeline › stage 1\/2 of pipeline 1/);
    expect(text).toMatch(/wrappers\s+sudo/);
    expect(text).toMatch(/cwd\s+\/tmp/);
    expect(text).toContain('embedded sql:\n  #3 postgresql: DROP TABLE t');
    expect(text).toContain('parse.dynamic_command');
  });

  it('shows nested scripts with their carrier', async () => {
    const text = explainIr(await ir("ssh host 'rm -rf /'"));
    expect(text).toMatch(/#1 "rm"[\s\S]*context\s+nested_script\(ssh\)[\s\S]*cwd\s+unknown[\s\S]*inside #0/);
  });

  it('shows the folders a command may run in when a cd may have failed', async () => {
    expect(explainIr(await ir('cd /srv; ls'))).toMatch(/#1 "ls"[\s\S]*cwd\s+\/srv \(or \/home\/u\/proj if a cd failed\)/);
  });

  it('says so when there is nothing', async () => {
    expect(explainIr(await ir(''))).toBe('shell commands:\n  (none)');
  });
});

// The working folder through `cd`, and path normalisation for the rules.
import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../../src/analyze/shell/paths.js';
import { ir, only } from './helpers.js';

describe('cd tracking', () => {
  // [script, cwd of rm, other folders rm may run in]
  const table: [string, string | null, (string | null)[]?][] = [
    ['rm x', '/home/u/proj'],
    ['cd / && rm -rf *', '/'],
    ['cd && rm -rf *', '/home/u'],
    ['cd ~ && rm -rf *', '/home/u'],
    ['cd ~/src/.. && rm -rf *', '/home/u'],
    ['cd $HOME && rm -rf *', '/home/u'],
    ['cd "${HOME}/x" && rm -rf *', '/home/u/x'],
    ['cd .. && rm -rf *', '/home/u'],
    ['cd ../.. && cd ./etc && rm -rf *', '/home/etc'],
    ['cd /tm* && rm -rf *', null],
    ['cd -P -- /var && rm -rf *', '/var'],
    ['cd - && rm -rf *', null],
    ['cd "$DIR" && rm -rf *', null],
    ['cd $(mktemp -d) && rm -rf *', null],
    ['cd "$DIR" && cd /opt && rm -rf *', '/opt'],
    ['pushd /srv && rm -rf *', '/srv'],
    ['pushd /srv && popd && rm -rf *', null],
    ['builtin cd / && rm -rf *', '/'],
    ['(cd /) && rm -rf *', '/home/u/proj'],
    ['cd / | true; rm -rf *', '/home/u/proj'],
    ['cd / & rm -rf *', '/home/u/proj'],
    ['x=$(cd /); rm -rf *', '/home/u/proj'],
    ['(cd / && rm -rf *)', '/'],
    // After `;` or a newline the cd may have failed: rm may also run where the script started.
    ['cd /; rm -rf *', '/', ['/home/u/proj']],
    ['cd /tmp\nrm -rf *', '/tmp', ['/home/u/proj']],
    ['cd /tmp && ls; rm -rf *', '/tmp', ['/home/u/proj']],
    ['cd /a; cd /b; rm -rf *', '/b', ['/home/u/proj', '/a']],
    ['cd sub; cd x; rm -rf *', '/home/u/proj/sub/x', ['/home/u/proj', '/home/u/proj/x', '/home/u/proj/sub']],
    ['set -e\ncd /tmp\nrm -rf *', '/tmp'],
    ['set -euo pipefail; cd /tmp; rm -rf *', '/tmp'],
    ['set -e; set +e; cd /tmp; rm -rf *', '/tmp', ['/home/u/proj']],
    ['cd . ; rm -rf *', '/home/u/proj'],
    ['cd /tmp || exit 1; rm -rf *', '/tmp'],
    ['cd /tmp || { echo no; exit 1; }; rm -rf *', '/tmp'],
    ['cd /tmp || echo failed; rm -rf *', '/tmp', ['/home/u/proj']],
    ['cd /tmp || rm -rf *', '/home/u/proj'],
    ['CDPATH=/ cd etc && rm -rf *', null],
    ['export CDPATH=/srv; cd app && rm -rf *', null],
    ['export CDPATH=/srv; cd ./app && rm -rf *', '/home/u/proj/app'],
    ['if [ -d /x ]; then cd /x; fi; rm -rf *', null],
    ['if true; then cd /x; else cd /x; fi; rm -rf *', '/x'],
    ['if cd /x; then rm -rf *; fi', '/x'],
    ['case $a in x) cd /x;; esac; rm -rf *', null],
    ['for d in a b; do rm -rf *; cd /; done', null],
    ['for d in a b; do rm -rf *; done', '/home/u/proj'],
    ['go() { cd /; }; go; rm -rf *', null],
    ['f() { rm -rf *; }; cd /x', '/home/u/proj'],
    ["bash -c 'cd / && rm -rf *'", '/'],
    ["bash -c 'cd /; rm -rf *'", '/', ['/home/u/proj']],
    ["ssh h 'rm -rf *'", null],
  ];
  for (const [src, cwd, alts] of table) {
    it(JSON.stringify(src), async () => {
      const rm = only(await ir(src), 'rm');
      expect(rm.cwd).toBe(cwd);
      expect(rm.cwdAlternatives ?? []).toEqual(alts ?? []);
    });
  }

  it('starts from the context folder; cd itself runs in the old folder', async () => {
    const i = await ir('cd / && ls');
    expect(only(i, 'cd').cwd).toBe('/home/u/proj');
    expect(only(i, 'ls').cwd).toBe('/');
  });
});

describe('normalizePath', () => {
  const home = '/home/u';
  const table: [string, string | null, string | null][] = [
    ['/', '/x', '/'],
    ['//', '/x', '/'],
    ['/tmp/../', '/x', '/'],
    ['/tmp/..', '/x', '/'],
    ['/./etc/', '/x', '/etc'],
    ['/etc//passwd', '/x', '/etc/passwd'],
    ['/../..', '/x', '/'],
    ['~', null, '/home/u'],
    ['~/', null, '/home/u'],
    ['~/.ssh/../', null, '/home/u'],
    ['$HOME', null, '/home/u'],
    ['${HOME}/x', null, '/home/u/x'],
    ['$HOME/../..', null, '/'],
    ['x', '/srv', '/srv/x'],
    ['./x/', '/srv', '/srv/x'],
    ['..', '/srv', '/'],
    ['.', '/srv', '/srv'],
    ['x', null, null],
    ['~+', '/srv', '/srv'],
    ['~+/x', null, null],
    ['~bob', '/srv', null],
    ['$DIR/x', '/srv', null],
    ['$(pwd)', '/srv', null],
    ['$HOMEX', '/srv', null],
    ['', '/srv', null],
    ['/*', '/x', '/*'],
    ['/tmp/../*', '/x', '/*'],
    ['*', '/srv', '/srv/*'],
    ['~/*', null, '/home/u/*'],
    ['/usr/*/bin/../lib', '/x', '/usr/*/lib'],
  ];
  for (const [word, cwd, out] of table)
    it(`${JSON.stringify(word)} in ${cwd} → ${out}`, () => expect(normalizePath(word, cwd, home)).toBe(out));
});

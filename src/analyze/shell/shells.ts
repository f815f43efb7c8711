// Shells and the builtins that run shell text: `bash -c '…'`, a shell reading a script from stdin,
// `eval`, `source /dev/stdin`, `su -c`, `sudo -s`, `script -c`.
import type { Word } from '../../core/ir.js';
import { joinWords, type Action } from './actions.js';
import { hasOption, optionValues, scanOptions } from './options.js';
import { evalGenerator } from './eval-generators.js';
import { SH_LIKE_SHELLS } from '../../catalogue/kinds.js';

/** Shells whose `-c` script, script file and stdin are shell text (src/catalogue/kinds.ts; PowerShell is an interpreter). */
export const SHELLS: ReadonlySet<string> = new Set(SH_LIKE_SHELLS);

const SHELL_LONG_WITH_ARG = new Set(['rcfile', 'init-file', 'init-command', 'features', 'debug', 'debug-output', 'profile', 'emulate']);
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

interface ShellArgs {
  /** -c was given: the first operand is the script. */
  command: boolean;
  /** -s was given: the script comes from stdin even with operands. */
  stdin: boolean;
  /** Index of the first operand. */
  operand: number;
  /** `fish --command=…` carries the script inside the option. */
  inline?: Word;
}

/** Reads a shell's options: letters may be clustered (`-lc`, `-ec`, `-xec`), `+o`/`-o` take a name. */
function shellArgs(args: Word[]): ShellArgs {
  const out: ShellArgs = { command: false, stdin: false, operand: args.length };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !/^[-+]/.test(v) || v === '-' || v === '+') {
      out.operand = v === '-' && w.static ? i + 1 : i;
      return out;
    }
    if (v === '--') {
      out.operand = i + 1;
      return out;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      if (name === 'command') {
        out.command = true;
        if (eq >= 0) out.inline = { value: v.slice(eq + 1), static: w.static, raw: w.raw };
        else out.inline = args[++i];
      } else if (SHELL_LONG_WITH_ARG.has(name) && eq < 0) i++;
      continue;
    }
    for (const letter of v.slice(1)) {
      if (letter === 'c') out.command = true;
      else if (letter === 's') out.stdin = true;
      else if (letter === 'o' || letter === 'O') i++;
    }
  }
  return out;
}

/**
 * The index of the script file a shell (or `source`/`.`) runs, -1 when it runs none (`-c`, `-s`,
 * stdin): `sh <(…)` runs the output of a process substitution (judged in emit.ts).
 */
export function scriptFileOperand(name: string, args: Word[]): number {
  if (name === 'source' || name === '.')
    return args.length ? (args[0]!.static && args[0]!.value === '--' ? (args.length > 1 ? 1 : -1) : 0) : -1;
  if (!SHELLS.has(name)) return -1;
  const s = shellArgs(args);
  return s.inline || s.command || s.stdin || s.operand >= args.length ? -1 : s.operand;
}

export function shellActions(name: string, args: Word[]): Action[] {
  const s = shellArgs(args);
  if (s.inline) return [{ kind: 'script', text: s.inline, detail: `${name} --command` }];
  if (s.command) {
    const script = args[s.operand];
    return script ? [{ kind: 'script', text: script, detail: `${name} -c` }] : [];
  }
  const file = args[s.operand];
  if (s.stdin || !file || (file.static && STDIN_PATHS.has(file.value))) return [{ kind: 'stdin-script', detail: name }];
  return []; // runs a script file: the rules judge `bash file.sh` itself
}

export function evalActions(args: Word[]): Action[] {
  // `eval "$(pyenv init -)"`: a known tool's own setup code, not an unknown script (eval-generators.ts).
  if (evalGenerator(args)) return [];
  return args.length ? [{ kind: 'script', text: joinWords(args), detail: 'eval', shareState: true }] : [];
}

export function sourceActions(name: string, args: Word[]): Action[] {
  const file = args[0]?.value === '--' ? args[1] : args[0];
  return file?.static && STDIN_PATHS.has(file.value) ? [{ kind: 'stdin-script', detail: name }] : [];
}

/** `su [options] [-] [user [args]]`: -c runs a script; otherwise the user's shell reads stdin. */
export function suActions(name: string, args: Word[]): Action[] {
  const s = scanOptions(args, {
    flags: 'lmpfP',
    withArg: 'cgGsw',
    longFlags: ['login', 'preserve-environment', 'pty', 'fast', 'help', 'version'],
    longWithArg: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment'],
    permute: true,
  });
  if (s.unknown) return [];
  const login = hasOption(s, 'l', 'login') || s.operands.some((i) => args[i]!.static && args[i]!.value === '-');
  const where = login ? 'unknown' : 'keep';
  const scripts = optionValues(s, 'c', 'command', 'session-command');
  if (scripts.length) return scripts.map((text) => ({ kind: 'script', text, detail: `${name} -c`, where }));
  return [{ kind: 'stdin-script', detail: name, where }];
}

/** `sudo -s`/`sudo -i` (and doas -s) without a command start a shell that reads stdin. */
export function sudoShellActions(name: string, args: Word[]): Action[] {
  const shell = args.some((w) => w.static && (/^-[A-Za-z]*[si]/.test(w.value) || w.value === '--shell' || w.value === '--login'));
  return shell ? [{ kind: 'stdin-script', detail: `${name} -s`, where: 'keep' }] : [];
}

/** util-linux `script -c CMD`: runs CMD through the shell. */
export function scriptActions(args: Word[]): Action[] {
  const s = scanOptions(args, {
    flags: 'aefqkBIOTEh',
    withArg: 'cIOBTEm',
    optionalArg: 't',
    longFlags: ['append', 'return', 'flush', 'force', 'quiet', 'help', 'version'],
    longWithArg: ['command', 'log-in', 'log-out', 'log-io', 'log-timing', 'logging-format', 'echo', 'output-limit'],
    longOptionalArg: ['timing'],
    permute: true,
  });
  return optionValues(s, 'c', 'command').map((text) => ({ kind: 'script', text, detail: 'script -c' }));
}

/** `trap 'script' SIGNAL…`: the script runs on the signal or at exit. */
export function trapActions(args: Word[]): Action[] {
  let i = 0;
  while (args[i]?.static && /^-[lp]+$/.test(args[i]!.value)) i++;
  if (args[i]?.static && args[i]!.value === '--') i++;
  const operands = args.slice(i);
  // One operand is a signal to reset; `-` resets too.
  if (operands.length < 2 || (operands[0]!.static && operands[0]!.value === '-')) return [];
  return [{ kind: 'script', text: operands[0]!, detail: 'trap' }];
}

/** `alias name='body'`: the body runs wherever the alias is used as a command. */
export function aliasActions(args: Word[]): Action[] {
  const out: Action[] = [];
  for (const w of args) {
    const eq = w.value.indexOf('=');
    if (eq <= 0 || (w.static && w.value.startsWith('-'))) continue;
    out.push({
      kind: 'script',
      text: { value: w.value.slice(eq + 1), static: w.static, raw: w.raw },
      detail: `alias ${w.value.slice(0, eq)}`,
    });
  }
  return out;
}

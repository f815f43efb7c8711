// What a program the catalogue knows runs beyond itself: the command a launcher starts, the script
// or code an option carries, the SQL it sends — read with the catalogue's one argument reader and
// turned into the actions the IR builder carries out. Environment variables that make a program run
// code (`GIT_SSH_COMMAND`, `PAGER`, `LD_PRELOAD`) are judged here too, for any program.
import type { Assignment, Word } from '../../core/ir.js';
import { specFor } from '../../catalogue/index.js';
import { readInvocation, type Invocation } from '../../catalogue/read.js';
import { executorFor, GIT_EXECUTING_KEYS, type EnvExecutor } from '../../catalogue/env.js';
import type { Action, Language } from './actions.js';
import { undecidable } from './undecidable.js';
import { inlineCodeCommand } from './inline-code.js';
import { sshOptionActions } from './ssh-options.js';
import { cargoConfigActions } from './cargo-config.js';

/** Paths that name the program's own standard input. */
const STDIN_PATHS: readonly string[] = ['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'];

/** The languages whose inline code the analysis reads (interpreter-code.ts); any other blocks. */
const READ_LANGUAGES: readonly string[] = ['python', 'node', 'perl', 'ruby', 'php'];

export function catalogueActions(name: string, args: readonly Word[], text: string): Action[] {
  const spec = specFor(name);
  return spec ? invocationActions(readInvocation(spec, args), text, args) : [];
}

/** Only the commands a program's spec runs (`bun x pkg`), for programs whose code another module reads. */
export function catalogueCommands(name: string, args: readonly Word[], text: string): Action[] {
  const spec = specFor(name);
  if (!spec) return [];
  const inv = readInvocation(spec, args);
  return inv.undecidable || inv.limit ? [] : invocationActions({ ...inv, roles: [], stdin: undefined }, text);
}

/** `args`: the words the invocation was read from (a program reading its own commands on stdin runs them with its options). */
export function invocationActions(inv: Invocation, text: string, args: readonly Word[] = []): Action[] {
  const label = [inv.spec.names[0], ...inv.path].join(' ');
  const program = inv.spec.names[0]!;
  // A wrapper's command, and why it cannot be read, are the peel's (unwrap.ts): it is not run twice.
  const wrapper = inv.spec.wrapper === true;
  if (inv.limit && !wrapper) return [{ kind: 'undecidable', found: undecidable('limits.nesting_too_deep', inv.limit, text) }];
  if (inv.undecidable || inv.limit)
    return wrapper ? [] : [{ kind: 'undecidable', found: undecidable('parse.unknown_option', inv.undecidable!, text) }];
  const assignments = inv.assignments.map((a) => ({ name: a.name, value: a.value }));
  // `systemd-run --working-directory=/ rm -rf etc`: a launcher that moves what it runs to another
  // folder (an option with `cwd`) runs it in a folder the walk does not follow.
  const where = inv.cwd !== undefined ? { where: 'unknown' as const } : {};
  const out: Action[] = wrapper
    ? []
    : inv.commands.map((words): Action => ({
        kind: 'spawn',
        words,
        label,
        stdin: 'inherit',
        ...where,
        ...(assignments.length ? { assignments } : {}),
      }));
  // What it reads from standard input runs too (`at now <<< '…'`), when the input is known.
  if (inv.stdin?.kind === 'script') out.push({ kind: 'stdin-script', detail: label });
  else if (inv.stdin?.kind === 'code' && READ_LANGUAGES.includes(inv.stdin.language))
    out.push({ kind: 'stdin-code', language: inv.stdin.language as Language, detail: label });
  else if (inv.stdin?.kind === 'code')
    out.push({ kind: 'stdin-unread', language: inv.stdin.language, ...(inv.stdin.inert ? { inert: inv.stdin.inert } : {}), detail: label });
  else if (inv.stdin?.kind === 'sql') out.push({ kind: 'stdin-sql', dialect: inv.stdin.dialect });
  // `redis-cli -n 0 <<< flushdb`: with no command of its own given, it runs the ones it reads.
  else if (
    inv.stdin?.kind === 'commands' &&
    !inv.path.length &&
    !inv.operands.length &&
    !inv.commands.length &&
    !inv.harmless &&
    !inv.roles.some((r) => !r.option)
  )
    out.push({ kind: 'stdin-commands', program, prefix: [...args], format: inv.stdin.format, detail: label });
  for (const { role, word, option } of joinedCode(inv.roles)) {
    const detail = option ? `${label} ${option}` : label;
    switch (role.kind) {
      case 'script':
        // `cross-env-shell NAME=value 'script'`: the script runs with those variables exported.
        out.push({ kind: 'script', text: wrapper ? word : withExports(word, inv.assignments), detail, ...where });
        break;
      case 'code':
        // `scp -o ProxyCommand=…`: the settings ssh reads, judged for the commands they run (ssh-options.ts).
        if (role.language === 'ssh-option') {
          out.push(...sshOptionActions([word], label, text));
          break;
        }
        if (role.inert && word.static && new RegExp(role.inert).test(word.value)) break;
        // `cargo --config 'target.x.runner="…"'`: a setting whose value is a program cargo runs.
        if (role.language === 'cargo-config') {
          out.push(...cargoConfigActions(word, detail, text));
          break;
        }
        // Run as the inline code it is (`python3 -c CODE`), so its file changes are judged too.
        if (READ_LANGUAGES.includes(role.language))
          out.push({ kind: 'spawn', words: inlineCodeCommand(role.language, word), label: detail });
        else
          out.push({
            kind: 'undecidable',
            found: undecidable(
              'parse.unsupported_interpreter_code',
              `${detail} runs ${role.language} code, which seatbelt cannot read`,
              text,
            ),
          });
        break;
      case 'sql':
        out.push({ kind: 'sql', dialect: role.dialect, sql: word });
        break;
      // Files of scripts, code or SQL are read when the command is judged (file-runs.ts); code in a
      // language seatbelt does not read stays the program's own business.
      case 'script-file':
        out.push({ kind: 'file', path: word, as: { kind: 'script' }, detail });
        break;
      case 'code-file':
        if (READ_LANGUAGES.includes(role.language))
          out.push({ kind: 'file', path: word, as: { kind: 'code', language: role.language as Language }, detail });
        // `make -f -`: the code comes from standard input, where it can be seen.
        else if (word.static && STDIN_PATHS.includes(word.value)) out.push({ kind: 'stdin-unread', language: role.language, detail });
        break;
      case 'sql-file':
        out.push({ kind: 'file', path: word, as: { kind: 'sql', dialect: role.dialect, client: inv.spec.names[0]! }, detail });
        break;
      // The program's own commands (`redis-cli EVAL '…'`, `nsupdate cmds.txt`), each judged as a command of it.
      case 'commands':
        out.push({ kind: 'commands', program, prefix: [], format: role.format, text: word, detail });
        break;
      case 'commands-file':
        if (word.static && STDIN_PATHS.includes(word.value))
          out.push({ kind: 'stdin-commands', program, prefix: [], format: role.format, detail });
        else out.push({ kind: 'file', path: word, as: { kind: 'commands', format: role.format, program, prefix: [] }, detail });
        break;
    }
  }
  return out;
}

/**
 * Code words in one language a program runs as one program (`python -m timeit -s SETUP STMT…` joins
 * them with newlines), judged together: a name one word binds (`import shutil as s`) is seen where
 * another uses it.
 */
function joinedCode(roles: Invocation['roles']): Invocation['roles'] {
  const code = roles.filter((r) => r.role.kind === 'code' && READ_LANGUAGES.includes(r.role.language));
  if (code.length < 2) return roles;
  const byLanguage = new Map<string, Invocation['roles']>();
  for (const r of code)
    byLanguage.set((r.role as { language: string }).language, [...(byLanguage.get((r.role as { language: string }).language) ?? []), r]);
  const joined = [...byLanguage.values()].map((rs) => ({
    role: rs[0]!.role,
    word: {
      value: rs.map((r) => r.word.value).join('\n'),
      static: rs.every((r) => r.word.static),
      raw: rs.map((r) => r.word.raw).join(' '),
    },
    ...(rs.length === 1 && rs[0]!.option ? { option: rs[0]!.option } : {}),
  }));
  return [...roles.filter((r) => !code.includes(r)), ...joined];
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The script with `export NAME='value';` before it for each assignment, so variables that run code are judged. */
function withExports(script: Word, assignments: Invocation['assignments']): Word {
  const known = assignments.filter((a) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.name));
  if (!known.length) return script;
  // A value only known at run time stays one (`"$NAME"`, from outside the script).
  const prefix = known.map((a) => `export ${a.name}=${a.value.static ? shellQuote(a.value.value) : `"$${a.name}"`}; `).join('');
  return { ...script, value: prefix + script.value };
}

/** A variable the program's own spec says it runs (`BORG_RSH` for borg), as an executor. */
function programEnv(variable: string, program: string | null): EnvExecutor | undefined {
  const role = program === null ? undefined : specFor(program)?.env?.[variable];
  if (!role) return undefined;
  if (role.kind === 'script' || role.kind === 'command') return { role: { kind: 'script' }, programs: [program!] };
  if (role.kind === 'code') return { role, programs: [program!], ...(role.inert ? { inert: new RegExp(role.inert) } : {}) };
  if (role.kind === 'code-file' || role.kind === 'script-file')
    return { role: { kind: 'code-file', language: 'language' in role ? role.language : 'shell' }, programs: [program!] };
  return undefined;
}

/**
 * Assignments that make `program` (null: any later program, for `export`) run code: their value is
 * judged as a script; a library or code file, or a value only known at run time, cannot be.
 */
export function executorActions(assignments: readonly Assignment[], program: string | null, text: string): Action[] {
  const out: Action[] = [];
  for (const a of assignments) {
    const e = executorFor(a.name, program) ?? programEnv(a.name, program);
    if (e) {
      const value = a.value.value.replace(e.strip ?? /^/, '');
      if (a.value.static && e.inert?.test(value)) continue;
      if (!a.value.static)
        out.push({
          kind: 'undecidable',
          found: undecidable('parse.dynamic_script', `${a.name} holds a program to run, only known when the command runs`, text),
        });
      else if (e.role.kind === 'script') out.push({ kind: 'script', text: { ...a.value, value }, detail: `${a.name}=` });
      else if (e.role.kind === 'code')
        out.push({
          kind: 'undecidable',
          found: undecidable(
            'parse.unsupported_interpreter_code',
            `${a.name} holds ${e.role.language} code, which seatbelt cannot read`,
            text,
          ),
        });
      else
        out.push({
          kind: 'undecidable',
          found: undecidable(
            'parse.unsupported_interpreter_code',
            `${a.name} loads ${e.role.language} code from a file, which seatbelt cannot read`,
            text,
          ),
        });
    }
    // GIT_CONFIG_KEY_<n>=core.pager with GIT_CONFIG_VALUE_<n>=<program>: a config git runs.
    const key = /^GIT_CONFIG_KEY_(\d+)$/.exec(a.name);
    if (key && (program === null || program === 'git')) {
      if (!a.value.static)
        out.push({
          kind: 'undecidable',
          found: undecidable('parse.dynamic_script', `${a.name} names a git setting only known when the command runs`, text),
        });
      else if (GIT_EXECUTING_KEYS.test(a.value.value)) {
        const value = assignments.find((v) => v.name === `GIT_CONFIG_VALUE_${key[1]}`)?.value;
        if (!value || !value.static)
          out.push({
            kind: 'undecidable',
            found: undecidable('parse.dynamic_script', `${a.value.value} set through ${a.name} runs a program not known statically`, text),
          });
        else
          out.push({
            kind: 'script',
            text: value.value.startsWith('!') ? { ...value, value: value.value.slice(1) } : value,
            detail: `git ${a.value.value}`,
          });
      }
    }
    if (
      a.name === 'GIT_CONFIG_PARAMETERS' &&
      (program === null || program === 'git') &&
      (!a.value.static ||
        GIT_EXECUTING_KEYS.test(a.value.value.replace(/^'|'=.*$/g, '')) ||
        /'(core\.|alias\.|diff\.|filter\.|credential)/i.test(a.value.value))
    ) {
      out.push({
        kind: 'undecidable',
        found: undecidable('parse.dynamic_script', 'GIT_CONFIG_PARAMETERS sets git settings that may run programs', text),
      });
    }
  }
  return out;
}

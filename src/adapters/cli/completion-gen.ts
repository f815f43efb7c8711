// Shell completion scripts generated from the commander definitions, so they can never drift from
// the commands: walk the program, collect every command path, its subcommands, its options (and
// which take a value, with their choices), then print one table-driven script per shell.
import type { Command, Option } from 'commander';
import { DIALECTS } from '../../core/types.js';
import { POLICY_NAMES } from '../../policy/policies.js';
import { listRoleFiles, shippedRolesDir } from '../../policy/role/load.js';
import type { CompletionShell } from './completion.js';

// The shells are named with the command (completion.ts), which loads this file only when it runs.
export { SHELLS, type CompletionShell } from './completion.js';

/** The file each shell's script is kept in, under completions/. */
export const COMPLETION_FILES: Record<CompletionShell, string> = { bash: 'seatbelt.bash', zsh: '_seatbelt', fish: 'seatbelt.fish' };

interface Flag {
  names: string[]; // e.g. ['-h', '--help']
  description: string;
  takesValue: boolean;
  choices?: readonly string[];
  /** A role: the shipped names, the user's roles (listed when completing) and .json files. */
  roles?: boolean;
}

/**
 * Values of flags that take one of a known set but leave checking it to the command (so its error
 * names the flag and the choices its own way). Keyed by the long flag: the same flag means the
 * same thing in every command.
 */
const VALUE_HINTS: Record<string, readonly string[]> = {
  '--policy': POLICY_NAMES,
  '--dialect': DIALECTS,
  '--decision': ['allow', 'block'],
  '--by': ['rule', 'decision', 'actor', 'role'],
};

interface Node {
  id: string; // seatbelt, seatbelt_hook, seatbelt_hook_install
  description: string;
  subcommands: Array<{ name: string; description: string; id: string }>;
  flags: Flag[];
  /** Choices of the first positional argument, when it has them. */
  argChoices?: readonly string[];
  takesArgs: boolean;
}

const HELP: Flag = { names: ['-h', '--help'], description: 'display help for command', takesValue: false };

function flagOf(o: Option, roles: readonly string[]): Flag {
  const names = [o.short, o.long].filter((n): n is string => !!n);
  const takesValue = o.required || o.optional;
  const hint = o.long && takesValue ? VALUE_HINTS[o.long] : undefined;
  const isRole = o.long === '--role' && takesValue;
  const choices = o.argChoices ?? hint ?? (isRole ? roles : undefined);
  return { names, description: o.description, takesValue, ...(choices ? { choices } : {}), ...(isRole ? { roles: true } : {}) };
}

function walk(cmd: Command, id: string, out: Node[], roles: readonly string[]): void {
  const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  const first = cmd.registeredArguments[0];
  out.push({
    id,
    description: cmd.description(),
    subcommands: visible.map((c) => ({ name: c.name(), description: c.description(), id: `${id}_${c.name()}` })),
    flags: [...cmd.options.filter((o) => !o.hidden).map((o) => flagOf(o, roles)), HELP],
    ...(first?.argChoices ? { argChoices: first.argChoices } : {}),
    takesArgs: cmd.registeredArguments.length > 0,
  });
  for (const c of visible) walk(c, `${id}_${c.name()}`, out, roles);
}

/** The roles shipped with seatbelt (the user's own are listed by the script when it completes). */
export const shippedRoleNames = (): string[] => listRoleFiles(shippedRolesDir()).map((r) => r.name);

export function commandTree(program: Command, roles: readonly string[] = shippedRoleNames()): Node[] {
  const out: Node[] = [];
  walk(program, program.name(), out, roles);
  return out;
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function header(shell: string): string {
  return `# ${shell} completion for seatbelt. Generated from the command definitions by \`seatbelt completion ${shell}\`; do not edit.\n`;
}

function bash(nodes: Node[]): string {
  const lines = [
    header('bash'),
    '__seatbelt_user_roles() {',
    '  local f',
    '  for f in "${SEATBELT_HOME:-$HOME/.seatbelt}"/roles/*.json; do [[ -e $f ]] && f=${f##*/} && printf \'%s\\n\' "${f%.json}"; done',
    '}',
    '_seatbelt() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}',
    '  local cmd=seatbelt i w words',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    w=${COMP_WORDS[i]}',
    '    [[ $w == -- ]] && return 0',
    '    case "$cmd $w" in',
  ];
  for (const n of nodes) for (const s of n.subcommands) lines.push(`      ${sq(`${n.id} ${s.name}`)}) cmd=${s.id} ;;`);
  lines.push('    esac', '  done', '  case "$cmd $prev" in');
  for (const n of nodes) {
    for (const f of n.flags.filter((x) => x.takesValue)) {
      const labels = f.names.map((name) => sq(`${n.id} ${name}`)).join('|');
      lines.push(
        f.roles
          ? `    ${labels}) COMPREPLY=($(compgen -W "${f.choices!.join(' ')} $(__seatbelt_user_roles)" -- "$cur") $(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")); return 0 ;;`
          : f.choices
            ? `    ${labels}) COMPREPLY=($(compgen -W ${sq(f.choices.join(' '))} -- "$cur")); return 0 ;;`
            : `    ${labels}) return 0 ;;`,
      );
    }
  }
  lines.push('  esac', '  case $cmd in');
  for (const n of nodes) {
    const words = [...n.subcommands.map((s) => s.name), ...(n.argChoices ?? []), ...n.flags.flatMap((f) => f.names)];
    lines.push(`    ${n.id}) words=${sq(words.join(' '))} ;;`);
  }
  lines.push(
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    'complete -o default -o bashdefault -F _seatbelt seatbelt',
    '',
  );
  return lines.join('\n');
}

function zsh(nodes: Node[]): string {
  const item = (name: string, description: string): string => sq(`${name}:${oneLine(description)}`);
  const lines = [
    '#compdef seatbelt',
    header('zsh'),
    '__seatbelt_user_roles() {',
    '  local f',
    '  for f in ${SEATBELT_HOME:-$HOME/.seatbelt}/roles/*.json(N); do print -r -- ${${f:t}%.json}; done',
    '}',
    '',
    '_seatbelt() {',
    '  local cmd=seatbelt i w',
    '  for ((i = 2; i < CURRENT; i++)); do',
    '    w=${words[i]}',
    '    [[ $w == -- ]] && return 0',
    '    case "$cmd $w" in',
  ];
  for (const n of nodes) for (const s of n.subcommands) lines.push(`      ${sq(`${n.id} ${s.name}`)}) cmd=${s.id} ;;`);
  lines.push('    esac', '  done', '  case "$cmd ${words[CURRENT-1]}" in');
  for (const n of nodes) {
    for (const f of n.flags.filter((x) => x.takesValue)) {
      const labels = f.names.map((name) => sq(`${n.id} ${name}`)).join('|');
      lines.push(
        f.roles
          ? `    ${labels}) compadd -- ${f.choices!.map(sq).join(' ')} $(__seatbelt_user_roles); _files -g '*.json'; return ;;`
          : f.choices
            ? `    ${labels}) compadd -- ${f.choices.map(sq).join(' ')}; return ;;`
            : `    ${labels}) _files; return ;;`,
      );
    }
  }
  lines.push('  esac', '  local -a subcmds opts', '  case $cmd in');
  for (const n of nodes) {
    const subs = [...n.subcommands.map((s) => item(s.name, s.description)), ...(n.argChoices ?? []).map((c) => item(c, c))];
    const opts = n.flags.flatMap((f) => f.names.map((name) => item(name, f.description)));
    lines.push(`    ${n.id})`, `      subcmds=(${subs.join(' ')})`, `      opts=(${opts.join(' ')})`);
    if (n.takesArgs && !n.argChoices) lines.push('      _files');
    lines.push('      ;;');
  }
  lines.push(
    '  esac',
    "  (( ${#subcmds} )) && _describe -t commands 'seatbelt command' subcmds",
    "  _describe -t options 'option' opts",
    '}',
    '',
    '_seatbelt "$@"',
    '',
  );
  return lines.join('\n');
}

function fish(nodes: Node[]): string {
  const fq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    header('fish'),
    'function __seatbelt_user_roles',
    '    set -l home $SEATBELT_HOME',
    '    test -n "$home"; or set home $HOME/.seatbelt',
    '    for f in $home/roles/*.json',
    '        basename $f .json',
    '    end',
    'end',
    '',
    'function __seatbelt_cmd',
    '    set -l cmd seatbelt',
    '    for w in (commandline -opc)[2..-1]',
    '        test "$w" = -- && break',
    '        switch "$cmd $w"',
  ];
  for (const n of nodes)
    for (const s of n.subcommands) lines.push(`            case ${fq(`${n.id} ${s.name}`)}`, `                set cmd ${s.id}`);
  lines.push('        end', '    end', '    echo $cmd', 'end', '', 'complete -c seatbelt -f');
  for (const n of nodes) {
    const when = `-n ${fq(`test (__seatbelt_cmd) = ${n.id}`)}`;
    for (const s of n.subcommands) lines.push(`complete -c seatbelt ${when} -a ${fq(s.name)} -d ${fq(oneLine(s.description))}`);
    for (const c of n.argChoices ?? []) lines.push(`complete -c seatbelt ${when} -a ${fq(c)}`);
    if (n.takesArgs && !n.argChoices) lines.push(`complete -c seatbelt ${when} -F`);
    for (const f of n.flags) {
      const names = f.names.map((name) => (name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`)).join(' ');
      const value = !f.takesValue
        ? ''
        : f.roles
          ? ` -r -F -a ${fq(`${f.choices!.join(' ')} (__seatbelt_user_roles)`)}`
          : f.choices
            ? ` -x -a ${fq(f.choices.join(' '))}`
            : ' -r -F';
      lines.push(`complete -c seatbelt ${when} ${names}${value} -d ${fq(oneLine(f.description))}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

export function generateCompletion(program: Command, shell: CompletionShell, roles: readonly string[] = shippedRoleNames()): string {
  const nodes = commandTree(program, roles);
  return shell === 'bash' ? bash(nodes) : shell === 'zsh' ? zsh(nodes) : fish(nodes);
}

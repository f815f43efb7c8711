// Checks catalogue specs at the boundary: every bad field of every spec is reported at once, with
// its path (`gh.subcommands.repo.subcommands.delete.verb.effect`). Run by the tests over the whole
// catalogue, so a spec that would be misread never ships; the bundle does not pay for it at start-up.
import { DIALECTS } from '../core/types.js';
import type { CommandSpec, OperandDecl, ProgramSpec, Role } from './spec.js';

export interface SpecProblem {
  path: string;
  problem: string;
}

const ROLE_KINDS = [
  'command',
  'script',
  'script-file',
  'code',
  'code-file',
  'path',
  'device',
  'sql',
  'sql-file',
  'url',
  'method',
  'data',
  'commands',
  'commands-file',
];
const COMMAND_FORMATS = ['lines', 'redis-lua'];
const EFFECTS = ['read', 'write', 'change', 'destroy', 'credential', 'privilege', 'publish'];
const ACCESS = ['read', 'write', 'delete', 'destination'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** A Python module run by `python -m NAME`, which is not the program of that name (`python -m profile` is not bcc's profile). */
const PYTHON_MODULE = /^python -m [A-Za-z_][\w.]*$/;
const OPTION = /^--?[A-Za-z0-9?][A-Za-z0-9._?-]*$|^-#$|^\+$|^-$/;

export function specProblems(specs: readonly unknown[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, string>();
  specs.forEach((raw, i) => {
    const s = raw as ProgramSpec;
    const at = `${Array.isArray(s?.names) && typeof s.names[0] === 'string' ? s.names[0] : `#${i}`}`;
    const add = (path: string, problem: string) => problems.push({ path: `${at}${path ? '.' + path : ''}`, problem });
    if (typeof raw !== 'object' || raw === null) {
      add('', 'a spec object');
      return;
    }
    if (!Array.isArray(s.names) || s.names.length === 0) add('names', 'a non-empty list of program names');
    else {
      for (const n of s.names) {
        if (typeof n !== 'string' || !(NAME.test(n) || PYTHON_MODULE.test(n))) add('names', `${JSON.stringify(n)} is not a program name`);
        else if (seen.has(n)) add('names', `${n} is already in the spec of ${seen.get(n)}`);
        else seen.set(n, at);
      }
    }
    if (typeof s.family !== 'string' || !s.family) add('family', 'the family it belongs to');
    if (typeof s.summary !== 'string' || !s.summary) add('summary', 'one line: what the program is');
    if (s.wrapper !== undefined && s.wrapper !== true) add('wrapper', 'true, or left out');
    if (s.wrapper && !runsCommand(s)) add('wrapper', 'a wrapper runs a command: a command operand or option');
    const ex = s.examples;
    if (!ex || !Array.isArray(ex.block) || !Array.isArray(ex.allow) || !ex.allow.length)
      add('examples', 'scripts to block and at least one to allow');
    else
      for (const e of [...ex.block, ...ex.allow])
        if (typeof e !== 'string' || !e.trim()) add('examples', 'each example is a non-empty script');
    for (const [name, role] of Object.entries(s.env ?? {})) {
      if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) add(`env.${name}`, 'an environment variable name');
      roleProblems(role, `env.${name}`, add);
    }
    levelProblems(s, '', add);
  });
  return problems;
}

function levelProblems(level: CommandSpec, path: string, add: (path: string, problem: string) => void): void {
  const p = (k: string) => (path ? `${path}.${k}` : k);
  const known = [
    'summary',
    'options',
    'prefixes',
    'unknown',
    'optionsFirst',
    'operands',
    'subcommands',
    'caseInsensitive',
    'verb',
    'when',
    'stdin',
    'firstWordOptions',
    'dashDash',
    'separator',
    'variables',
    'clusters',
    'names',
    'family',
    'env',
    'examples',
    'projectScript',
    'wrapper',
    'assignments',
    'fed',
    'cwd',
  ];
  for (const k of Object.keys(level)) if (!known.includes(k)) add(p(k), 'no such field');
  if (level.unknown !== undefined && level.unknown !== 'flag' && level.unknown !== 'block') add(p('unknown'), '"flag" or "block"');
  const spellings = new Set<string>();
  (level.options ?? []).forEach((o, i) => {
    const at = p(`options[${i}]`);
    if (!Array.isArray(o.names) || !o.names.length) return add(at, 'names: a non-empty list of spellings');
    for (const n of o.names) {
      if (typeof n !== 'string' || !OPTION.test(n)) add(at, `${JSON.stringify(n)} is not an option spelling`);
      else if (spellings.has(n)) add(at, `${n} is declared twice`);
      else spellings.add(n);
    }
    if (o.value !== undefined && !['none', 'required', 'optional', 'next'].includes(o.value))
      add(`${at}.value`, '"none", "required", "optional" or "next"');
    if (o.rest && o.value !== undefined && o.value !== 'required') add(`${at}.rest`, 'an option that takes the rest takes a value');
    if (o.role) roleProblems(o.role, `${at}.role`, add);
    if ((o.role || o.rest) && (o.value ?? 'none') === 'none' && !o.rest) add(at, 'an option with a role takes a value');
    if (o.verb) verbProblems(o.verb, `${at}.verb`, add);
    if (o.harmless !== undefined && typeof o.harmless !== 'boolean' && !isRegex(o.harmless?.unless))
      add(`${at}.harmless`, 'true, or { unless: a regular expression }');
    if (o.words !== undefined && (!Number.isInteger(o.words) || o.words < 2 || o.value !== 'required'))
      add(`${at}.words`, 'a count of 2 or more, for an option whose value is required');
    if (o.operands) operandProblems(o.operands, `${at}.operands`, add);
    for (const k of ['self', 'split', 'placeholder', 'assigns'] as const)
      if (o[k] !== undefined && o[k] !== true) add(`${at}.${k}`, 'true, or left out');
    if ((o.split || o.placeholder || o.assigns || o.cwd === 'value') && (o.value ?? 'none') === 'none')
      add(at, 'an option read for its value takes a value');
    if (o.cwd !== undefined && o.cwd !== 'value' && o.cwd !== 'unknown') add(`${at}.cwd`, '"value" or "unknown"');
    if (o.sets !== undefined && (typeof o.sets !== 'string' || !/^[A-Za-z_]\w*$/.test(o.sets) || (o.value ?? 'none') === 'none'))
      add(`${at}.sets`, 'a variable name, on an option that takes a value');
    if (o.names?.includes('-') && o.names.length > 1) add(at, 'a lone dash is an option of its own');
  });
  if (level.assignments !== undefined && !['names', 'any', 'cross-env'].includes(level.assignments))
    add(p('assignments'), '"names", "any" or "cross-env"');
  if (level.cwd !== undefined && level.cwd !== 'unknown') add(p('cwd'), '"unknown", or left out');
  if (level.fed !== undefined) {
    const ph = level.fed?.placeholders;
    if (
      typeof level.fed !== 'object' ||
      level.fed === null ||
      (ph !== undefined && (!Array.isArray(ph) || ph.some((x) => typeof x !== 'string' || !x)))
    )
      add(p('fed'), '{ placeholders?: non-empty words }');
  }
  if (level.dashDash !== undefined && level.dashDash !== 'command' && level.dashDash !== 'arguments')
    add(p('dashDash'), '"command" or "arguments"');
  if (level.separator !== undefined && (typeof level.separator !== 'string' || !level.separator)) add(p('separator'), 'a word');
  for (const [name, role] of Object.entries(level.variables ?? {})) {
    if (!/^[A-Za-z_.][\w.]*$/.test(name)) add(p(`variables.${name}`), 'a variable name');
    roleProblems(role, p(`variables.${name}`), add);
  }
  operandProblems(level.operands ?? [], p('operands'), add);
  if (level.verb) verbProblems(level.verb, p('verb'), add);
  (level.when ?? []).forEach((w, i) => {
    const at = p(`when[${i}]`);
    const u = w.unless;
    if (!w.options?.length && w.operand === undefined && !u?.options?.length && u?.operand === undefined)
      add(at, 'options or an operand to match (or not to)');
    for (const [where, opts] of [
      ['options', w.options],
      ['unless.options', u?.options],
    ] as const)
      for (const o of opts ?? []) {
        if (typeof o.name !== 'string' || !OPTION.test(o.name))
          add(`${at}.${where}`, `${JSON.stringify(o.name)} is not an option spelling`);
        if (o.value !== undefined && !isRegex(o.value)) add(`${at}.${where}`, `${JSON.stringify(o.value)} is not a regular expression`);
      }
    if (w.operand !== undefined && !isRegex(w.operand)) add(`${at}.operand`, 'a regular expression');
    if (u?.operand !== undefined && !isRegex(u.operand)) add(`${at}.unless.operand`, 'a regular expression');
    verbProblems(w.verb ?? ({} as never), `${at}.verb`, add);
  });
  if (level.firstWordOptions !== undefined && level.firstWordOptions !== true) add(p('firstWordOptions'), 'true, or left out');
  if (level.stdin) {
    if (!['script', 'code', 'sql', 'commands'].includes(level.stdin.kind)) add(p('stdin'), 'a script, code, sql or commands role');
    else roleProblems(level.stdin, p('stdin'), add);
  }
  if (level.caseInsensitive !== undefined) {
    if (level.caseInsensitive !== true) add(p('caseInsensitive'), 'true, or left out');
    else if (!level.subcommands) add(p('caseInsensitive'), 'a level with subcommands');
    for (const name of Object.keys(level.subcommands ?? {}))
      if (level.caseInsensitive === true && name !== name.toLowerCase())
        add(p(`subcommands.${name}`), 'a name in lower case (the level matches names whatever their case)');
  }
  for (const [name, sub] of Object.entries(level.subcommands ?? {})) {
    // `kitty @ launch`, `kitty +kitten icat`: a sigil alone or before a name is a subcommand too.
    if (name !== '*' && !NAME.test(name) && !/^[a-z][a-z0-9:_-]*\*?$/.test(name) && !/^[@+][a-z-]*$/.test(name))
      add(p(`subcommands.${name}`), 'a subcommand name');
    if (typeof sub !== 'object' || sub === null) add(p(`subcommands.${name}`), 'a command spec');
    else levelProblems(sub, p(`subcommands.${name}`), add);
  }
}

/** Some level or option of the spec runs a command. */
function runsCommand(level: CommandSpec): boolean {
  const isCommand = (r?: { kind: string }) => r?.kind === 'command';
  return (
    (level.operands ?? []).some(isCommand) ||
    (level.options ?? []).some((o) => isCommand(o.role) || (o.operands ?? []).some(isCommand)) ||
    level.dashDash === 'command' ||
    Object.values(level.subcommands ?? {}).some(runsCommand)
  );
}

function operandProblems(ops: readonly OperandDecl[], path: string, add: (path: string, problem: string) => void): void {
  ops.forEach((r, i) => {
    roleProblems(r, `${path}[${i}]`, add);
    if (r.rest !== undefined && r.rest !== true && r.rest !== false && r.rest !== 'joined') add(`${path}[${i}].rest`, 'true or "joined"');
    if (r.rest && i !== ops.length - 1) add(`${path}[${i}]`, 'only the last operand may take the rest');
    if (r.unquote !== undefined && (r.unquote !== 'cross-env' || !['command', 'script'].includes(r.kind)))
      add(`${path}[${i}].unquote`, '"cross-env", on a command or script operand');
    if (
      r.program !== undefined &&
      (r.kind !== 'command' ||
        !Array.isArray(r.program) ||
        !r.program.length ||
        !NAME.test(r.program[0] ?? '') ||
        r.program.some((w) => typeof w !== 'string' || !w))
    )
      add(`${path}[${i}].program`, 'a program name and words before the operands, on a command operand');
    if (r.single !== undefined && (r.single !== true || r.kind !== 'command' || r.rest || r.program !== undefined))
      add(`${path}[${i}].single`, 'true, on a command operand that takes no rest and names no program');
  });
}

function roleProblems(role: Role, path: string, add: (path: string, problem: string) => void): void {
  if (!role || !ROLE_KINDS.includes(role.kind)) return add(path, `kind: one of ${ROLE_KINDS.join(', ')}`);
  if ((role.kind === 'sql' || role.kind === 'sql-file') && !(DIALECTS as readonly string[]).includes(role.dialect))
    add(path, `dialect: one of ${DIALECTS.join(', ')}`);
  if ((role.kind === 'code' || role.kind === 'code-file') && (typeof role.language !== 'string' || !role.language))
    add(path, 'language: the language of the code');
  if ((role.kind === 'commands' || role.kind === 'commands-file') && !COMMAND_FORMATS.includes(role.format))
    add(path, `format: one of ${COMMAND_FORMATS.join(', ')}`);
  if (role.kind === 'path' && !ACCESS.includes(role.access)) add(path, `access: one of ${ACCESS.join(', ')}`);
  if (role.kind === 'code' && role.inert !== undefined) {
    try {
      new RegExp(role.inert);
    } catch {
      add(`${path}.inert`, 'a regular expression');
    }
  }
}

function isRegex(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

function verbProblems(verb: { effect: string; why: string }, path: string, add: (path: string, problem: string) => void): void {
  if (!EFFECTS.includes(verb.effect)) add(`${path}.effect`, `one of ${EFFECTS.join(', ')}`);
  if (typeof verb.why !== 'string' || !verb.why) add(`${path}.why`, 'one line: what happens');
}

/** Throws with every problem listed, or returns the specs unchanged. */
export function validateSpecs<T extends readonly unknown[]>(specs: T): T {
  const problems = specProblems(specs);
  if (problems.length)
    throw new Error(`catalogue: ${problems.length} problem(s):\n${problems.map((x) => `  ${x.path}: ${x.problem}`).join('\n')}`);
  return specs;
}

// One simple command → SimpleCommands in the IR: peel its wrappers, record it, walk its
// substitutions, then follow what it runs (nested scripts, spawned commands, interpreter code,
// SQL) and what it does to the working folder.
import type { Assignment, CommandsFormat, Context, Redirect, SimpleCommand, Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import type { AstCommand, AstWord } from './ast.js';
import { toRedirect, type IrBuilder, type Scope } from './builder.js';
import { State } from './state.js';
import { resolveVars } from './vars.js';
import { DECLARATIONS, assign, trackState } from './track.js';
import { shellCallsIn } from './interpreter-code.js';
import { normalizePath } from './paths.js';
import { isArithmetic } from './arith.js';
import { MAX_BRACE_ROUNDS, MAX_BRACE_WORDS, braceWords } from './braces.js';
import { judgeAssignment, judgeBuiltinOperands } from './judge-assignments.js';
import { hashedName, judgeAliasUse, mayBeAlias, rebind } from './command-table.js';
import { actionsFor } from './programs.js';
import { SHELLS, scriptFileOperand } from './shells.js';
import { pipeText, processSubstitutionText, stdinOfRedirects, type Stdin } from './stdin.js';
import { undecidable } from './undecidable.js';
import { peelWrappers, type Invocation } from './unwrap.js';
import { openProgramFile, programFileActions, sqlIncludes } from './file-runs.js';
import { inlineCodeCommand } from './inline-code.js';
import { appendedInputRuns } from './fed-input.js';
import { MAX_OWN_COMMANDS, ownCommands } from './own-commands.js';
import { RESERVED_WORDS } from './reserved-words.js';

interface Base {
  /** Words standing for unknown input (`{}` under `xargs -I{}`), inherited by what the command runs. */
  placeholders?: string[];
  assignments: Assignment[];
  redirects: Redirect[];
  stdin?: Stdin;
  text: string;
  /** The command's words as parsed (with their substitutions), when it was written in the script. */
  words?: AstWord[];
}

/** Words that are never command names in bash: seeing one as a name means the parser misread. */
const MISREAD_NAMES = new Set([...RESERVED_WORDS, '!', '{', '}', '[[', ']]', '((', '))']);

/** `NAME=value` written without quotes or expansions before the `=`, where NAME is no variable name. */
function invalidName(w: Word): boolean {
  if (/^[-+]/.test(w.raw)) return w.raw !== '--' && !/^[-+][A-Za-z]+$/.test(w.raw); // `declare -=`: no such option
  const m = /^([^'"$`=-][^'"$`=]*)=/.exec(w.raw);
  return !!m && !/^[A-Za-z_]\w*(\[[^\]]*\])?\+?$/.test(m[1]!);
}

const EMPTY: Word = { value: '', static: true, raw: '' };

function rawOf(words: Word[]): string {
  return words.map((w) => w.raw).join(' ');
}

export function emitCommand(b: IrBuilder, cmd: AstCommand, scope: Scope, state: State): void {
  if (!b.room(cmd.text)) return;
  const stdin = stdinOfRedirects(cmd.redirects) ?? scope.stdin;
  // Variables with known values are substituted (heredoc bodies stay text).
  const resolve = (w: AstWord): Word => (state.untracked ? null : resolveVars(w.word, state.vars, state.ifs)) ?? w.word;
  const base: Base = {
    assignments: cmd.assignments.map((a) => ({ name: a.name, value: resolve(a.value) })),
    redirects: [
      ...cmd.redirects.map((r) => (r.op.startsWith('<<') ? toRedirect(r) : { ...toRedirect(r), target: resolve(r.target) })),
      ...scope.outer,
    ],
    text: cmd.text,
    ...(stdin ? { stdin } : {}),
  };
  const subWords = [...cmd.assignments.map((a) => a.value), ...cmd.words, ...cmd.redirects.map((r) => r.target)];
  if (!cmd.words.length) {
    // Only assignments and/or redirects (`> /etc/passwd`, `X=$(…)`): a command with an empty name.
    const inv: Invocation = { name: EMPTY, args: [], wrappers: [], assignments: [], fed: false, placeholders: [], undecidable: [] };
    const sc = record(b, inv, base, scope, state);
    b.substitutions(subWords, scope, state, sc.id, outputFeeds(cmd));
    state.settled();
    cmd.assignments.forEach((a, i) => assign(b, state, a.name, base.assignments[i]!.value, a.value));
    return;
  }
  const inv = peelWrappers(cmd.words.map(resolve), cmd.text);
  base.placeholders = [...(scope.placeholders ?? []), ...inv.placeholders];
  const before = mayBeAlias(b, cmd) ? state.fork() : null; // where its alias expansions start
  base.words = cmd.words;
  const sc = record(b, inv, base, scope, state);
  b.substitutions(subWords, scope, state, sc.id, outputFeeds(cmd));
  follow(b, sc, inv, base, scope, state);
  if (before) judgeAliasUse(b, cmd, scope, before, state, sc.id);
}

function record(b: IrBuilder, inv: Invocation, base: Base, scope: Scope, state: State): SimpleCommand {
  const placeholders = (base.placeholders ?? [...(scope.placeholders ?? []), ...inv.placeholders]).filter(Boolean);
  const mark = (w: Word): Word => (placeholders.some((p) => w.value.includes(p)) ? { value: w.value, static: false, raw: w.raw } : w);
  let cwd = state.cwd;
  if (inv.cwd === null) cwd = null;
  else if (inv.cwd) cwd = inv.cwd.static ? normalizePath(inv.cwd.value, state.cwd, b.ctx.home) : null;
  const sc: SimpleCommand = {
    id: b.ir.commands.length,
    name: mark(hashedName(b, inv.name)),
    args: inv.args.map(mark),
    assignments: [...base.assignments, ...inv.assignments],
    redirects: base.redirects,
    context: scope.context,
    wrappers: [...scope.wrappers, ...inv.wrappers],
    cwd,
    text: base.text,
  };
  const alts = inv.cwd === undefined ? state.alts.filter((a) => a !== cwd) : [];
  if (alts.length) sc.cwdAlternatives = alts;
  if (scope.pipeline) sc.pipeline = scope.pipeline;
  if (scope.fed || inv.fed) sc.fedByUnknownInput = true;
  if (scope.parentId !== undefined) sc.parentId = scope.parentId;
  b.ir.commands.push(sc);
  for (const u of inv.undecidable) b.fail(u);
  // What the assignments and a name-taking builtin make bash evaluate (subscripts, integer
  // attributes, prompt strings, BASH_ENV, …).
  for (const a of sc.assignments) judgeAssignment(b, a, scope, state, sc);
  judgeBuiltinOperands(b, sc, scope, state);
  // The rules judge the words brace expansion makes; a word past its bounds would be judged in part.
  if ([sc.name, ...sc.args].some((w) => !braceWords(w).complete)) {
    b.fail(
      undecidable(
        'limits.expansion_too_large',
        `brace expansion makes more than ${MAX_BRACE_WORDS} words or nests more than ${MAX_BRACE_ROUNDS} groups`,
        base.text,
      ),
    );
  }
  if (!sc.name.static) {
    b.fail(undecidable('parse.dynamic_command', `the command name ${sc.name.raw} is only known when the script runs`, base.text));
  } else if (sc.name.vars) {
    // A command named by a variable stays a dynamic command name, even when its value is known.
    b.fail(
      undecidable('parse.dynamic_command', `the command name ${sc.name.raw} comes from a variable (here: ${sc.name.value})`, base.text),
    );
  } else if (DECLARATIONS.has(sc.name.value) && sc.args.some(invalidName)) {
    // `export P\ATH=1`, `export }X=1`: bash rejects the name; a strict parser rejects the line.
    b.fail(undecidable('parse.syntax_error', `not a valid variable name in ${sc.name.value}`, base.text));
  } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(sc.name.raw) && inv.wrappers.length === 0) {
    // bash takes `b=2` before a command as an assignment: as a command name it is a misparse.
    b.fail(undecidable('parse.blind_spot', `the parser read the assignment ${sc.name.raw} as a command name`, base.text));
  } else if (sc.name.raw === 'coproc' && !sc.args.length) {
    b.fail(undecidable('parse.syntax_error', 'coproc without a command', base.text));
  } else if (sc.name.value === 'let') {
    checkLet(b, sc, base.text);
  } else if (MISREAD_NAMES.has(sc.name.value)) {
    b.fail(
      undecidable(
        'parse.blind_spot',
        `the parser read "${sc.name.value}" as a command name (time/!/coproc before a compound command, or a misparse)`,
        base.text,
      ),
    );
  }
  return sc;
}

/** `let` arguments are arithmetic; a substitution quoted inside one still runs (`let 'a[$(cmd)]=1'`). */
function checkLet(b: IrBuilder, sc: SimpleCommand, text: string): void {
  if (!sc.args.length) b.fail(undecidable('parse.syntax_error', 'let without an expression', text));
  for (const a of sc.args) {
    if (!a.static && !a.glob) continue;
    if (/\$\(|`/.test(a.value)) b.fail(undecidable('parse.blind_spot', 'let evaluates the command substitution inside its argument', text));
    else if (!isArithmetic(a.value)) b.fail(undecidable('parse.syntax_error', `not a well-formed arithmetic expression: ${a.value}`, text));
  }
}

function follow(b: IrBuilder, sc: SimpleCommand, inv: Invocation, base: Base, scope: Scope, state: State): void {
  if (!sc.name.static) {
    state.settled();
    return;
  }
  const name = sc.name.value;
  const actions = [...actionsFor(name, sc.args, base.text, sc.assignments), ...programFileActions(name, sc.args, inv.path, base.text)];
  for (const action of actions) perform(b, action, sc, base, scope, state);
  // `echo rm -rf /etc | xargs sudo`: the input xargs appends may be what the command runs.
  const fed = inv.appendsInput ? appendedInputRuns(sc.name, sc.args, sc.assignments, base.text) : undefined;
  if (fed) b.fail(undecidable('parse.dynamic_command', fed, base.text));
  substitutedScript(b, sc, base, scope, state);
  // BASH_ENV/ENV name a file a shell sources first: built at run time, it is an unknown script.
  if (SHELLS.has(name) && sc.assignments.some((a) => (a.name === 'BASH_ENV' || a.name === 'ENV') && !a.value.static)) {
    b.fail(undecidable('parse.dynamic_script', `${name} sources a BASH_ENV/ENV file only known when it runs`, base.text));
  }
  rebind(b, sc);
  trackState(
    b,
    sc,
    inv,
    state,
    actions.some((a) => a.kind === 'script' && a.shareState),
  );
}

interface NestedOptions {
  share?: boolean;
  where?: 'keep' | 'unknown';
  fed?: boolean;
  placeholders?: string[];
  /** The nested script reads this stdin (a -c script inherits the carrier's; a stdin script consumed it). */
  stdin?: Stdin;
  /** The spawned command's text for evidence, when its words are not what was written. */
  text?: string;
  /** Assignments the launcher makes for the command it runs (`cross-env X=1 cmd`). */
  assignments?: Assignment[];
}

function nestedScope(scope: Scope, sc: SimpleCommand, context: Context, o: NestedOptions): Scope {
  const inner: Scope = { context: [...scope.context, context], wrappers: sc.wrappers, parentId: sc.id, nest: scope.nest + 1, outer: [] };
  if (scope.launched) inner.launched = scope.launched;
  if (o.fed || sc.fedByUnknownInput) inner.fed = true;
  if (o.placeholders) inner.placeholders = o.placeholders;
  if (o.stdin) inner.stdin = o.stdin;
  return inner;
}

function nestedState(sc: SimpleCommand, state: State, o: NestedOptions): State {
  if (o.share) return state;
  // Another shell: it starts where the command runs, knowing none of our variables.
  return new State(o.where === 'unknown' ? null : sc.cwd);
}

function nestedScript(b: IrBuilder, text: Word, context: Context, sc: SimpleCommand, scope: Scope, state: State, o: NestedOptions): void {
  if (!text.static) {
    b.fail(
      undecidable(
        'parse.dynamic_script',
        `the script run by ${context.detail ?? 'the command'} is only known when the command runs`,
        sc.text,
      ),
    );
  }
  b.script(text.value, nestedScope(scope, sc, context, o), nestedState(sc, state, o));
}

/** A command given as words (find -exec, docker exec, an argv from interpreter code). */
function spawn(
  b: IrBuilder,
  words: Word[],
  wrappers: string[],
  context: Context | null,
  sc: SimpleCommand,
  scope: Scope,
  state: State,
  o: NestedOptions,
): void {
  if (!words.length || !b.room(rawOf(words))) return;
  // Launchers inside launchers (`xvfb-run strace nsenter …`): past the bound, fail closed.
  const launched = (scope.launched ?? 0) + 1;
  if (launched > b.limits.maxLaunchers) {
    b.fail(undecidable('limits.nesting_too_deep', `more than ${b.limits.maxLaunchers} commands started inside one another`, sc.text));
    return;
  }
  const inv = peelWrappers(words, rawOf(words));
  const inner: Scope = {
    context: context ? [...scope.context, context] : scope.context,
    wrappers: [...sc.wrappers, ...wrappers],
    parentId: sc.id,
    nest: scope.nest,
    outer: [],
    launched,
  };
  if (o.fed || sc.fedByUnknownInput) inner.fed = true;
  if (o.placeholders) inner.placeholders = o.placeholders;
  const innerState = nestedState(sc, state, o);
  const base: Base = {
    assignments: o.assignments ?? [],
    redirects: [],
    text: o.text ?? rawOf(words),
    ...(o.stdin ? { stdin: o.stdin } : {}),
  };
  base.placeholders = [...(inner.placeholders ?? []), ...inv.placeholders];
  const child = record(b, inv, base, inner, innerState);
  follow(b, child, inv, base, inner, innerState);
}

function interpreterCode(
  b: IrBuilder,
  action: { language: Parameters<typeof shellCallsIn>[0] },
  code: Word,
  context: Context,
  sc: SimpleCommand,
  scope: Scope,
  state: State,
): void {
  if (!code.static) {
    b.fail(undecidable('parse.dynamic_script', `the code run by ${context.detail} is only known when the command runs`, sc.text));
  }
  const calls = shellCallsIn(action.language, code.value);
  if (calls.problems.length) {
    b.fail(undecidable('parse.unsupported_interpreter_code', `${context.detail}: ${calls.problems.join('; ')}`, sc.text));
  }
  for (const s of calls.scripts) nestedScript(b, { value: s, static: true, raw: s }, context, sc, scope, state, {});
  for (const argv of calls.argvs) {
    const words = argv.map((v) => ({ value: v, static: true, raw: v }));
    spawn(b, words, [], context, sc, scope, state, {});
  }
}

/**
 * `sh <(…)`, `source <(…)`: the script file is the output of the command inside. Judged as a
 * script when that output is known text; refused otherwise.
 */
function substitutedScript(b: IrBuilder, sc: SimpleCommand, base: Base, scope: Scope, state: State): void {
  const at = scriptFileOperand(sc.name.value, sc.args);
  const ast = at < 0 ? undefined : base.words?.find((w) => w.word === sc.args[at]);
  const fed = ast && processSubstitutionText(ast);
  if (!fed) return;
  const context: Context = { kind: 'nested_script', detail: `${sc.name.value} <(…)` };
  const share = sc.name.value === 'source' || sc.name.value === '.';
  if (fed.kind === 'text') nestedScript(b, fed.word, context, sc, scope, state, { share });
  else
    b.fail(
      undecidable('parse.dynamic_script', `${sc.name.value} runs the output of ${ast.word.raw}, which is only known when it runs`, sc.text),
    );
}

/** What the command inside a `>(…)` it writes to reads: the command's output, when known. */
function outputFeeds(cmd: AstCommand): Map<AstWord, Stdin> {
  const feeds = new Map<AstWord, Stdin>();
  for (const r of cmd.redirects) {
    if (!['>', '>>', '>|', '&>', '&>>'].includes(r.op) || (r.fd !== undefined && r.fd !== '1')) continue;
    if (!r.target.subs.some((s) => s.output)) continue;
    const out = pipeText({ t: 'cmd', cmd });
    feeds.set(r.target, out.kind === 'text' ? out : { kind: 'unknown', from: cmd.text });
  }
  return feeds;
}

function stdinContext(stdin: Extract<Stdin, { kind: 'text' }>, name: string): Context {
  return stdin.via === 'pipe'
    ? { kind: 'nested_script', detail: `${stdin.from} | ${name}` }
    : { kind: 'heredoc', detail: `${name} ${stdin.from}` };
}

/** What a command reads on stdin as its program, from a file (`bash < x.sh`, `psql < x.sql`, `cat x.sql | psql`). */
function stdinFile(action: Action, sc: SimpleCommand, base: Base): Extract<Action, { kind: 'file' }> | undefined {
  const path = base.stdin?.kind === 'file' ? base.stdin.path : undefined;
  if (!path) return undefined;
  const detail = `${sc.name.value} < ${path.raw}`;
  if (action.kind === 'stdin-script') return { kind: 'file', path, as: { kind: 'script' }, detail };
  if (action.kind === 'stdin-code') return { kind: 'file', path, as: { kind: 'code', language: action.language }, detail };
  if (action.kind === 'stdin-sql')
    return { kind: 'file', path, as: { kind: 'sql', dialect: action.dialect, client: sc.name.value }, detail };
  if (action.kind === 'stdin-commands')
    return { kind: 'file', path, as: { kind: 'commands', format: action.format, program: action.program, prefix: action.prefix }, detail };
  return undefined;
}

/** Most SQL files one command includes through others (`\i a.sql` in b.sql in c.sql …). */
const MAX_SQL_INCLUDES = 32;

/** SQL a client runs: recorded for the SQL analyser, and the files it includes read in turn. */
function recordSql(
  b: IrBuilder,
  sc: SimpleCommand,
  dialect: Extract<Action, { kind: 'sql' }>['dialect'],
  sql: string | null,
  from: string | null,
  seen: Set<string>,
): void {
  b.ir.embeddedSql.push({ commandId: sc.id, dialect, sql });
  if (sql === null) return;
  for (const inc of sqlIncludes(sc.name.value, sql)) {
    if (seen.size >= MAX_SQL_INCLUDES) {
      b.fail(undecidable('limits.nesting_too_deep', `more than ${MAX_SQL_INCLUDES} SQL files included by one command`, sc.text));
      return;
    }
    // `\ir f` is relative to the including file's folder; the others to the client's.
    const folder = inc.relative && from ? from.slice(0, from.lastIndexOf('/')) || '/' : sc.cwd;
    const action: Extract<Action, { kind: 'file' }> = {
      kind: 'file',
      path: { value: inc.path, static: true, raw: inc.path },
      as: { kind: 'sql', dialect, client: sc.name.value },
      detail: `${sc.name.value} including ${inc.path}`,
    };
    readFileAction(b, action, sc, [folder], seen);
  }
}

/** Reads the file an action names and judges what it holds like the same text given inline. */
function readFileAction(
  b: IrBuilder,
  action: Extract<Action, { kind: 'file' }>,
  sc: SimpleCommand,
  cwds: (string | null)[],
  seen: Set<string>,
  scope?: Scope,
  state?: State,
  base?: Base,
): void {
  for (const opened of openProgramFile(b.ctx, action, cwds, sc.args, sc.text)) {
    (b.ir.programFiles ??= []).push({ commandId: sc.id, word: action.path, path: opened.path });
    const o = opened.outcome;
    if (o.kind === 'undecidable') b.fail(o.found);
    else if (o.kind === 'sql') {
      if (seen.has(o.file)) continue; // a file that includes itself runs nothing new
      seen.add(o.file);
      recordSql(b, sc, o.dialect, o.sql.value, o.file, seen);
    } else if (scope && state && base) {
      const context: Context = { kind: 'nested_script', detail: action.detail };
      if (scope.nest >= b.limits.maxNestedScripts && o.kind !== 'none') {
        b.fail(
          undecidable('limits.nesting_too_deep', `scripts run from files nested more than ${b.limits.maxNestedScripts} deep`, sc.text),
        );
      } else if (o.kind === 'script') {
        nestedScript(b, o.text, context, sc, scope, state, {
          share: action.shareState ?? false,
          ...(base.stdin ? { stdin: base.stdin } : {}),
        });
      } else if (o.kind === 'code') {
        // Judged as the same code given inline (`python3 -c CODE`): its shell calls, file changes and capabilities.
        const inline = inlineCodeCommand(o.language, o.code);
        spawn(b, inline, [], context, sc, { ...scope, nest: scope.nest + 1 }, state, { text: `${inline[0]!.value} ${action.path.raw}` });
      } else if (o.kind === 'commands') {
        runOwnCommands(b, o.use.program, o.use.prefix, o.use.format, o.text, context, sc, scope, state);
      } else if (o.kind === 'spawn') {
        // The kernel runs the `#!` line's program on the file: judged like that command line.
        spawn(b, o.words, [], context, sc, { ...scope, nest: scope.nest + 1 }, state, {});
      }
    }
  }
}

/**
 * A program's own commands in a text (`redis-cli <<< flushall`, `redis-cli EVAL '…'`, `nsupdate f`):
 * each judged as the program run with its options and that command's words (own-commands.ts).
 */
function runOwnCommands(
  b: IrBuilder,
  program: string,
  prefix: readonly Word[],
  format: CommandsFormat,
  text: Word,
  context: Context,
  sc: SimpleCommand,
  scope: Scope,
  state: State,
): void {
  if (!text.static) {
    b.fail(undecidable('parse.dynamic_script', `${context.detail ?? program} runs ${program} commands only known when it runs`, sc.text));
    return;
  }
  const read = ownCommands(format, text.value);
  if ('undecidable' in read) {
    const id = read.undecidable.startsWith(`more than ${MAX_OWN_COMMANDS}`)
      ? 'limits.input_too_large'
      : format === 'redis-lua'
        ? 'parse.unsupported_interpreter_code'
        : 'parse.dynamic_script';
    b.fail(undecidable(id, `${context.detail ?? program}: ${read.undecidable}`, sc.text));
    return;
  }
  const name: Word = { value: program, static: true, raw: program };
  for (const words of read.commands) spawn(b, [name, ...prefix, ...words], [], context, sc, { ...scope, nest: scope.nest + 1 }, state, {});
}

function perform(b: IrBuilder, action: Action, sc: SimpleCommand, base: Base, scope: Scope, state: State): void {
  const fromFile = stdinFile(action, sc, base);
  if (fromFile) return perform(b, fromFile, sc, base, scope, state);
  const stdin = base.stdin?.kind === 'text' ? base.stdin : null;
  if (
    base.stdin?.kind === 'unknown' &&
    (action.kind === 'stdin-script' || action.kind === 'stdin-code' || action.kind === 'stdin-unread' || action.kind === 'stdin-commands')
  ) {
    // A program read from a process substitution's unknown output (`cmd > >(sh)`, `sh < <(cmd)`).
    b.fail(
      undecidable(
        'parse.dynamic_script',
        `${sc.name.value} runs what it reads from ${base.stdin.from}, which is only known when it runs`,
        sc.text,
      ),
    );
  }
  switch (action.kind) {
    case 'script': {
      const o: NestedOptions = { share: action.shareState ?? false, where: action.where ?? 'keep', fed: action.fed ?? false };
      const placeholders = [...(base.placeholders ?? []), ...(action.placeholders ?? [])];
      if (placeholders.length) o.placeholders = placeholders;
      if (base.stdin) o.stdin = base.stdin;
      return nestedScript(b, action.text, { kind: 'nested_script', detail: action.detail }, sc, scope, state, o);
    }
    case 'spawn': {
      const o: NestedOptions = { where: action.where ?? 'keep', fed: action.fed ?? false };
      if (action.assignments) o.assignments = action.assignments;
      // A launcher's command runs in its place: its standard input, and its text as evidence (`npx rimraf /`).
      if (action.stdin === 'inherit') {
        if (base.stdin) o.stdin = base.stdin;
        o.text = sc.text;
      }
      const placeholders = [...(base.placeholders ?? []), ...(action.placeholders ?? [])];
      if (placeholders.length) o.placeholders = placeholders;
      return spawn(b, action.words, [action.label], null, sc, scope, state, o);
    }
    case 'stdin-script':
      if (stdin) nestedScript(b, stdin.word, stdinContext(stdin, sc.name.value), sc, scope, state, { where: action.where ?? 'keep' });
      return;
    case 'code':
      return interpreterCode(b, action, action.code, { kind: 'nested_script', detail: action.detail }, sc, scope, state);
    case 'stdin-code':
      if (stdin) interpreterCode(b, action, stdin.word, stdinContext(stdin, action.detail), sc, scope, state);
      return;
    case 'stdin-unread':
      // Piped from a command whose output is not known, or text that is not one of the inert forms.
      if (
        base.stdin?.kind === 'pipe' ||
        (stdin && !(stdin.word.static && action.inert && new RegExp(action.inert).test(stdin.word.value)))
      ) {
        b.fail(
          undecidable(
            'parse.unsupported_interpreter_code',
            `${action.detail} runs the ${action.language} code on its standard input, which seatbelt cannot read`,
            sc.text,
          ),
        );
      }
      return;
    case 'sql':
      recordSql(b, sc, action.dialect, action.sql?.static ? action.sql.value : null, null, new Set());
      return;
    case 'stdin-sql':
      if (stdin) recordSql(b, sc, action.dialect, stdin.word.static ? stdin.word.value : null, null, new Set());
      // Piped from another program, or from a descriptor: SQL only known when it runs.
      else if (base.stdin && base.stdin.kind !== 'text') b.ir.embeddedSql.push({ commandId: sc.id, dialect: action.dialect, sql: null });
      return;
    case 'commands':
      return runOwnCommands(
        b,
        action.program,
        action.prefix,
        action.format,
        action.text,
        { kind: 'nested_script', detail: action.detail },
        sc,
        scope,
        state,
      );
    case 'stdin-commands':
      if (stdin)
        runOwnCommands(b, action.program, action.prefix, action.format, stdin.word, stdinContext(stdin, action.detail), sc, scope, state);
      // Piped from another program, or from a descriptor: commands only known when it runs.
      else if (base.stdin && base.stdin.kind !== 'unknown')
        b.fail(
          undecidable(
            'parse.dynamic_script',
            `${action.detail} runs the commands it reads from its standard input, which are only known when it runs`,
            sc.text,
          ),
        );
      return;
    case 'file':
      readFileAction(b, action, sc, [sc.cwd, ...(sc.cwdAlternatives ?? [])], new Set(), scope, state, base);
      return;
    case 'undecidable':
      b.fail(action.found);
      return;
  }
}

// seatbelt run by the agent itself (`seatbelt exec -- …`, `node …/bin/seatbelt sql "…"`): what the
// inner seatbelt would run is judged here too, under the outer settings, like any nested command.
// Whether the invocation may change what judges later actions (flags, environment, subcommands)
// is the self-protection rule's business (src/rules/shell/guard-command.ts).
import type { Word } from '../../core/ir.js';
import type { Dialect } from '../../core/types.js';
import { DIALECTS } from '../../core/types.js';
import type { Action } from './actions.js';
import { optionValues, scanOptions, type OptionSpec } from './options.js';
import { undecidable } from './undecidable.js';

/** The names seatbelt's entry points have: the executable and the bundles it loads. */
const ENTRY = /(^|\/)seatbelt(\.[cm]?js)?$/;
const JS_RUNTIMES = /^(node|nodejs|bun|deno)$/;

/** Node's own options that take a value as the next word (so the script is found after them). */
const NODE_OPTIONS: OptionSpec = {
  withArg: 'rC',
  flags: 'ic',
  longWithArg: ['require', 'import', 'loader', 'experimental-loader', 'conditions', 'title', 'env-file', 'stack-size', 'inspect-port'],
  lenient: true,
};

/**
 * The arguments seatbelt receives when this command runs seatbelt: by name or path
 * (`seatbelt`, `./bin/seatbelt`), or as a script of a JavaScript runtime (`node …/bin/seatbelt`,
 * `node dist/seatbelt.mjs`). Null when the command is not seatbelt.
 */
export function seatbeltArgs(name: string, args: readonly Word[]): Word[] | null {
  if (name.split('/').pop() === 'seatbelt') return [...args];
  if (!JS_RUNTIMES.test(name)) return null;
  const s = scanOptions(args, NODE_OPTIONS);
  const script = args[s.end];
  if (!script || !script.static || !ENTRY.test(script.value)) return null;
  return args.slice(s.end + 1);
}

const DECISION_OPTIONS = ['policy', 'role', 'audit', 'owner', 'agent'];
const DECISION_FLAGS = ['json', 'record-input', 'no-auto-keys', 'auto-keys', 'help'];

const EXEC: OptionSpec = { longWithArg: [...DECISION_OPTIONS, 'shell'], longFlags: DECISION_FLAGS, flags: 'h' };
const SQL: OptionSpec = {
  longWithArg: [...DECISION_OPTIONS, 'dialect', 'file'],
  longFlags: [...DECISION_FLAGS, 'exec'],
  flags: 'h',
  permute: true,
};

/** The global options seatbelt accepts before its subcommand. */
const GLOBAL = /^(-V|--version|-h|--help)$/;

/** What an inner seatbelt runs: `exec`'s command or script, and `sql`'s query. Other subcommands run nothing. */
export function seatbeltActions(args: readonly Word[], text: string): Action[] {
  const sub = args.find((w) => !(w.static && GLOBAL.test(w.value)));
  if (!sub) return [];
  if (!sub.static)
    return [
      {
        kind: 'undecidable',
        found: undecidable('parse.dynamic_command', 'a seatbelt subcommand is only known when the command runs', text),
      },
    ];
  const rest = args.slice(args.indexOf(sub) + 1);
  if (sub.value === 'exec') return execActions(rest, text);
  if (sub.value === 'sql') return sqlActions(rest, text);
  return [];
}

function unknownOption(option: string, text: string): Action {
  return { kind: 'undecidable', found: undecidable('parse.unknown_option', `seatbelt: unknown option ${option}`, text) };
}

function execActions(args: Word[], text: string): Action[] {
  const s = scanOptions(args, EXEC);
  if (s.unknown) return [unknownOption(s.unknown, text)];
  const out: Action[] = optionValues(s, 'shell').map((script) => ({ kind: 'script', text: script, detail: 'seatbelt exec --shell' }));
  const words = args.slice(s.end);
  if (words.length) out.push({ kind: 'spawn', words, label: 'seatbelt exec' });
  return out;
}

function sqlActions(args: Word[], text: string): Action[] {
  const s = scanOptions(args, SQL);
  if (s.unknown) return [unknownOption(s.unknown, text)];
  const given = optionValues(s, 'dialect')[0];
  if (given && (!given.static || !(DIALECTS as readonly string[]).includes(given.value))) {
    return [
      { kind: 'undecidable', found: undecidable('parse.dynamic_script', 'the SQL dialect given to seatbelt sql is not known', text) },
    ];
  }
  const dialect = (given?.value ?? 'postgresql') as Dialect;
  // With --exec the operands before `--` are the query; the client after it gets the query on stdin.
  const dashdash = args.findIndex((w) => w.static && w.value === '--');
  const operands = s.operands.filter((i) => dashdash < 0 || i < dashdash).map((i) => args[i]!);
  const query = operands[0];
  if (optionValues(s, 'file').length || (query && query.static && query.value === '-')) {
    // The inner seatbelt reads and judges the file or stdin itself; the outer one cannot see it.
    return [];
  }
  return query ? [{ kind: 'sql', dialect, sql: query }] : [];
}

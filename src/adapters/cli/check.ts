// `seatbelt check`: the decision alone. Nothing runs and nothing is sealed.
// `--jsonl` answers a batch: one JSON line in, one JSON line out, in order; a bad line gets an error object.
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { DIALECTS, type Action, type Dialect } from '../../core/types.js';
import { oneMomentOf } from '../guarded-paths.js';
import { openSession, type Session } from '../session.js';
import {
  decisionJson,
  refuseEmpty,
  refuseScriptAsArgv,
  scriptInOneArgument,
  refusalForStderr,
  sessionOptions,
  withDecisionFlags,
  type DecisionFlags,
} from './shared.js';
import { startBaselineCompiler } from './baseline-compiler.js';
import { parseBatchLine } from './batch-line.js';
import { writeNow } from './write-now.js';
import { fixedGuard } from '../../rules/shell/fixed-guard.js';

interface CheckFlags extends DecisionFlags {
  shell?: string;
  sql?: string;
  dialect?: string;
  jsonl?: boolean;
  explain?: boolean;
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('print the decision only; nothing is run or sealed (exit 0 allow, 77 refuse)')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--shell <script>', 'judge a shell script')
    .option('--sql <query>', 'judge a SQL query')
    .option('--dialect <dialect>', `SQL dialect: ${DIALECTS.join(', ')}`)
    .option('--jsonl', 'read JSON lines on stdin ({"shell"|"argv"|"sql", "dialect"?}) and answer one line each')
    .option('--explain', 'print the analysis: each command with its context and words, and which rule matched')
    .passThroughOptions();
  withDecisionFlags(cmd, { sealing: false, json: 'on stdout' }).action(async (argv: string[], flags: CheckFlags) => {
    process.exitCode = flags.jsonl ? await checkBatch(flags) : await checkOne(argv, flags);
  });
}

export function parseDialect(d: string): Dialect {
  if (!(DIALECTS as readonly string[]).includes(d))
    throw new SeatbeltError('USAGE', `unknown dialect "${d}": expected one of ${DIALECTS.join(', ')}`);
  return d as Dialect;
}

function actionFrom(argv: string[], flags: CheckFlags, defaultDialect: Dialect): Action {
  const given = [argv.length > 0, flags.shell !== undefined, flags.sql !== undefined].filter(Boolean).length;
  if (given !== 1) throw new SeatbeltError('USAGE', 'give exactly one of: -- <command>, --shell "<script>", --sql "<query>"');
  if (flags.shell !== undefined) {
    refuseEmpty(flags.shell, 'the --shell script');
    return { kind: 'shell', script: flags.shell };
  }
  if (flags.sql !== undefined) {
    refuseEmpty(flags.sql, 'the --sql query');
    return { kind: 'sql', sql: flags.sql, dialect: parseDialect(flags.dialect ?? defaultDialect) };
  }
  refuseScriptAsArgv(argv, 'check');
  return { kind: 'argv', argv };
}

async function checkOne(argv: string[], flags: CheckFlags): Promise<number> {
  const session = openSession(sessionOptions(flags));
  const action = actionFrom(argv, flags, session.resolved.settings.dialect);
  const decision = await session.check(action);
  if (flags.explain) writeNow(1, await explain(decision));
  if (flags.json) writeNow(1, JSON.stringify(decisionJson(decision)) + '\n');
  else if (decision.decision === 'block') writeNow(2, await refusalForStderr(decision));
  else if (!flags.explain) writeNow(1, 'allow\n');
  return decision.decision === 'block' ? EXIT.REFUSED : EXIT.OK;
}

async function explain(decision: import('../../core/types.js').Decision): Promise<string> {
  const { explainDecision } = await import('./explain.js');
  return explainDecision(decision);
}

async function checkBatch(flags: CheckFlags): Promise<number> {
  startBaselineCompiler();
  const base = sessionOptions(flags);
  const defaultSession = openSession(base);
  const dialect = flags.dialect ? parseDialect(flags.dialect) : defaultSession.resolved.settings.dialect;
  // A line may name its own policy and role; they go through the same settings resolution, so a
  // pinned policy cannot be loosened from a batch either.
  const sessions = new Map<string, BatchSession>();
  const sessionFor = (policy?: string, role?: string): BatchSession => {
    const key = policy === undefined && role === undefined ? '\0' : `${policy ?? ''}\0${role ?? ''}`;
    let s = sessions.get(key);
    if (!s) {
      s = batchSession(
        key === '\0'
          ? defaultSession
          : openSession({ ...base, ...(policy !== undefined ? { policy } : {}), ...(role !== undefined ? { role } : {}) }),
      );
      sessions.set(key, s);
    }
    return s;
  };
  let n = 0;
  const decideLine = async (line: string): Promise<string> => {
    n++;
    if (line.trim() === '') return '';
    let out: Record<string, unknown>;
    try {
      const parsed = parseBatchLine(line, n, dialect);
      refuseUnjudgeable(parsed.action, n);
      out = decisionJson(await sessionFor(parsed.policy, parsed.role).check(parsed.action));
    } catch (err) {
      out = { line: n, error: err instanceof Error ? err.message : String(err), decision: 'block' };
    }
    return JSON.stringify(out) + '\n';
  };
  // The answers to the lines of one read go out in one write, as soon as they are decided: a
  // client that sends a line and waits for its answer gets it, and a stream of lines is not
  // slowed by a write per line.
  for await (const lines of stdinLines()) {
    let answers = '';
    for (const line of lines) answers += await decideLine(line);
    if (answers !== '' && !process.stdout.write(answers)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  return EXIT.OK;
}

interface BatchSession {
  check(action: Action): Promise<import('../../core/types.js').Decision>;
}

/**
 * The session with one memo of resolved links for the whole batch: every decision resolves the
 * guarded places and its targets (dozens of realpath calls a line, most of a batch's time), and a
 * batch judges its lines at one moment, as `check` does one command. Nothing in a batch runs, so
 * its own lines cannot change the links it resolves; the guard is fixed, so the rules make its
 * places once for the batch (src/rules/shell/fixed-guard.ts).
 */
function batchSession(session: Session): BatchSession {
  let context: { guard: NonNullable<Session['ctx']['guard']> } | undefined;
  return {
    check: async (action) => {
      if (context) return session.check(action, context);
      const decision = await session.check(action); // the first decision finds the guarded places
      const guard = session.ctx.guard;
      if (guard) context = { guard: fixedGuard(oneMomentOf(guard)) };
      return decision;
    },
  };
}

/**
 * stdin as arrays of lines, one array per read, split as readline splits them (\n, \r\n or a lone
 * \r; a \r\n split across two reads is one break); the last line needs no line break.
 */
async function* stdinLines(): AsyncGenerator<string[]> {
  process.stdin.setEncoding('utf8');
  let carry = '';
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    const text = carry + chunk;
    // A trailing \r may be the first half of \r\n: wait for the next read to know.
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    const parts = text.slice(0, end).split(/\r\n|\n|\r/);
    carry = parts.pop()! + text.slice(end);
    if (parts.length) yield parts;
  }
  if (carry.endsWith('\r')) carry = carry.slice(0, -1);
  if (carry !== '') yield [carry];
}

/** A batch line gets the same checks as the command line: nothing empty, no script in one argv element. */
function refuseUnjudgeable(action: Action, lineNo: number): void {
  const text = action.kind === 'shell' ? action.script : action.kind === 'sql' ? action.sql : undefined;
  if (text !== undefined && text.trim() === '')
    throw new SeatbeltError('INPUT', `line ${lineNo}: "${action.kind}" is empty: nothing to judge`);
  const script = action.kind === 'argv' ? scriptInOneArgument(action.argv) : undefined;
  if (script !== undefined)
    throw new SeatbeltError(
      'INPUT',
      `line ${lineNo}: "argv" is one element holding spaces (${JSON.stringify(script)}): send a script as {"shell": …}, or one word per element`,
    );
}

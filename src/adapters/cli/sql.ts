// `seatbelt sql [options] ("<query>" | - | --file F) [--exec -- <client> [args…]]`: decide, seal
// durably, print the verdict — or, with --exec, run the client with the query on its stdin.
// A refused query never reaches the client: the client is not even started.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { DIALECTS, type Action, type Dialect } from '../../core/types.js';
import { run } from '../../run/spawn.js';
import { openSession } from '../session.js';
import { parseDialect } from './check.js';
import { checkSqlClient } from './sql-client.js';
import { writeNow } from './write-now.js';
import {
  decisionJson,
  governOrAuditExit,
  refuseEmpty,
  refusalForStderr,
  sealOutcomeOrWarn,
  sessionOptions,
  withDecisionFlags,
  type DecisionFlags,
} from './shared.js';

interface SqlFlags extends DecisionFlags {
  dialect?: string;
  file?: string;
  exec?: boolean;
}

export function registerSql(program: Command): void {
  const cmd = program
    .command('sql')
    .description('decide on SQL, seal the decision, then print it or pipe the SQL into a client (exit 0 allow, 77 refuse)')
    .argument('[args...]', '"<query>" or - (stdin); with --exec, then the client and its arguments after --')
    .option('--dialect <dialect>', `SQL dialect: ${DIALECTS.join(', ')} (default: config, else postgresql)`)
    .option('--file <file>', 'read the query from a file')
    .option('--exec', 'when allowed, run the client given after -- with the query on its stdin');
  withDecisionFlags(cmd, { sealing: true, json: 'on stdout (on stderr with --exec)' }).action(async (args: string[], flags: SqlFlags) => {
    process.exitCode = await sqlCommand(args, flags);
  });
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read the query from stdin: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readQueryFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError(
      'IO',
      `cannot read --file ${file}: ${code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Splits the operands into the query source and the client command. */
function parseOperands(args: string[], flags: SqlFlags): { query: string; client: string[] } {
  let rest = args;
  let query: string;
  if (flags.file !== undefined) {
    query = readQueryFile(flags.file);
  } else {
    const [first, ...more] = args;
    if (first === undefined)
      throw new SeatbeltError('USAGE', 'no query: seatbelt sql "<query>", seatbelt sql - (stdin) or seatbelt sql --file F');
    rest = more;
    query = first === '-' ? readStdin() : first;
  }
  if (!flags.exec && rest.length > 0) {
    throw new SeatbeltError(
      'USAGE',
      `unexpected argument ${JSON.stringify(rest[0])}: quote the query as one argument, or use --exec -- <client> to run it`,
    );
  }
  refuseEmpty(query, flags.file !== undefined ? `the query in ${flags.file}` : 'the query');
  if (flags.exec && rest.length === 0)
    throw new SeatbeltError('USAGE', '--exec needs a client after --, e.g. seatbelt sql "<query>" --exec -- psql -d app');
  return { query, client: rest };
}

/** --dialect, else the client's own dialect, else the configured default (postgresql). */
function dialectFor(flags: SqlFlags, client: string[], configured: Dialect): Dialect {
  const given = flags.dialect !== undefined ? parseDialect(flags.dialect) : undefined;
  if (client.length > 0) {
    const spoken = checkSqlClient(client);
    const family = (d: Dialect) => (d === 'mariadb' ? 'mysql' : d);
    if (given !== undefined && family(given) !== family(spoken)) {
      throw new SeatbeltError(
        'USAGE',
        `--dialect ${given} does not match ${client[0]}, which speaks ${spoken}: the query must be judged in the client's dialect`,
      );
    }
    return given ?? spoken;
  }
  return given ?? configured;
}

async function sqlCommand(args: string[], flags: SqlFlags): Promise<number> {
  if (flags.dialect !== undefined) parseDialect(flags.dialect);
  const { query, client } = parseOperands(args, flags);
  const session = openSession(sessionOptions(flags));
  const dialect = dialectFor(flags, client, session.resolved.settings.dialect);
  const action: Action = { kind: 'sql', sql: query, dialect };
  const governed = await governOrAuditExit(session, action, 'refusing the query');
  if (typeof governed === 'number') return governed;
  const { decision, seal } = governed;
  // Without a client, stdout is ours; with one, it belongs to the client's output.
  if (flags.json) writeNow(client.length > 0 ? 2 : 1, JSON.stringify(decisionJson(decision, seal)) + '\n');
  if (decision.decision === 'block') {
    if (!flags.json) writeNow(2, await refusalForStderr(decision, seal));
    return EXIT.REFUSED;
  }
  if (client.length === 0) {
    if (!flags.json) writeNow(1, 'allow\n');
    return EXIT.OK;
  }
  const result = await run(client[0]!, client.slice(1), { input: query });
  sealOutcomeOrWarn(session, seal.eventId, result);
  return result.exitCode;
}

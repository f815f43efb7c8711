// The exit-code table: one list, shown by `seatbelt --help` (whole), by each command's `--help`
// (its own codes) and in the README (test/e2e/exit-codes.test.ts keeps the README in step).
import { EXIT } from '../../core/error.js';

export interface ExitCodeRow {
  code: number;
  meaning: string;
}

export const EXIT_CODE_ROWS: readonly ExitCodeRow[] = [
  { code: EXIT.OK, meaning: 'success: allowed, intact, nothing found' },
  {
    code: EXIT.FINDINGS,
    meaning:
      'verify, audit verify-export: integrity findings (also against a checkpoint); checkpoint verify: not consistent; scan: a command would be blocked',
  },
  {
    code: EXIT.HOOK_BLOCK,
    meaning: "hook claude-code|codex|gemini|cursor: blocked, in the hosts' own protocol (a refusal, bad input, a failure)",
  },
  { code: EXIT.USAGE, meaning: 'usage error: bad flags or arguments (see the command --help)' },
  { code: EXIT.INPUT, meaning: 'malformed input data (a payload, a file that is not what it must be)' },
  {
    code: EXIT.NO_INPUT,
    meaning: 'an input file or folder is missing or unreadable (--file, a scan path, the trail, a key file, the audit folder)',
  },
  { code: EXIT.UNAVAILABLE, meaning: 'bash is missing for --shell (scripts are judged as bash and run only by bash); nothing ran' },
  { code: EXIT.INTERNAL, meaning: 'internal error (a bug: please report it)' },
  { code: EXIT.CANT_CREATE, meaning: 'an output file (--out, a settings file) cannot be written' },
  { code: EXIT.AUDIT, meaning: 'the decision could not be sealed durably in the audit trail; nothing ran' },
  { code: EXIT.REFUSED, meaning: 'refused by the policy: the rule, reason and remediation are on stderr; nothing ran' },
  { code: EXIT.CONFIG, meaning: 'configuration error: policy, role, settings, or a signing key missing or unusable' },
  { code: EXIT.CANNOT_EXECUTE, meaning: 'exec: the command was allowed but cannot be executed (not executable, a folder, no permission)' },
  { code: EXIT.NOT_FOUND, meaning: 'exec: the command was allowed but not found' },
];

/** Said under the table wherever a command is run (exec, sql --exec). */
export const PASS_THROUGH_NOTE =
  'exec and sql --exec: once the command ran, its own exit code passes through (128+n when signal n ended it)';

const RUNS_COMMANDS = new Set(['exec', 'sql']);

const COMMON = [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG];

/** The codes each command can end with, by its path ("audit verify-export"). Others: COMMON. */
const BY_COMMAND: Record<string, readonly number[]> = {
  exec: [
    EXIT.OK,
    EXIT.USAGE,
    EXIT.NO_INPUT,
    EXIT.UNAVAILABLE,
    EXIT.INTERNAL,
    EXIT.AUDIT,
    EXIT.REFUSED,
    EXIT.CONFIG,
    EXIT.CANNOT_EXECUTE,
    EXIT.NOT_FOUND,
  ],
  check: [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.REFUSED, EXIT.CONFIG],
  sql: [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.AUDIT, EXIT.REFUSED, EXIT.CONFIG, EXIT.CANNOT_EXECUTE, EXIT.NOT_FOUND],
  verify: [EXIT.OK, EXIT.FINDINGS, EXIT.USAGE, EXIT.INPUT, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG],
  'audit verify-export': [EXIT.OK, EXIT.FINDINGS, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG],
  'audit export': [EXIT.OK, EXIT.FINDINGS, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'policy sign': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'policy pin': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'policy install': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'audit report': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  scan: [EXIT.OK, EXIT.FINDINGS, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG],
  'hook install': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'hook uninstall': [EXIT.OK, EXIT.USAGE, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  mcp: [EXIT.OK, EXIT.USAGE, EXIT.INTERNAL, EXIT.CONFIG],
  'checkpoint create': [EXIT.OK, EXIT.USAGE, EXIT.INPUT, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CANT_CREATE, EXIT.CONFIG],
  'checkpoint verify': [EXIT.OK, EXIT.FINDINGS, EXIT.USAGE, EXIT.INPUT, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG],
  prove: [EXIT.OK, EXIT.USAGE, EXIT.INPUT, EXIT.NO_INPUT, EXIT.INTERNAL, EXIT.CONFIG],
  daemon: [EXIT.OK, EXIT.USAGE, EXIT.INTERNAL, EXIT.CONFIG],
};
for (const host of ['claude-code', 'codex', 'gemini', 'cursor']) BY_COMMAND[`hook ${host}`] = [EXIT.OK, EXIT.HOOK_BLOCK];

export function codesFor(commandPath: string): readonly number[] {
  return BY_COMMAND[commandPath] ?? COMMON;
}

function pad(code: number): string {
  return String(code).padStart(3);
}

/** The whole table for `seatbelt --help`. */
export function exitCodeHelp(): string {
  return `\nExit codes:\n${EXIT_CODE_ROWS.map((r) => `  ${pad(r.code)}  ${r.meaning}`).join('\n')}\n${PASS_THROUGH_NOTE}\n`;
}

/** One command's codes, for its `--help`. */
export function commandExitHelp(commandPath: string): string {
  const codes = new Set(codesFor(commandPath));
  const rows = EXIT_CODE_ROWS.filter((r) => codes.has(r.code));
  const note = RUNS_COMMANDS.has(commandPath) ? `${PASS_THROUGH_NOTE}\n` : '';
  return `\nExit codes:\n${rows.map((r) => `  ${pad(r.code)}  ${r.meaning}`).join('\n')}\n${note}`;
}

/** The README's table (markdown), generated from the same rows. */
export function exitCodeMarkdown(): string {
  return [
    '| code | meaning |',
    '| --- | --- |',
    ...EXIT_CODE_ROWS.map((r) => `| ${r.code} | ${r.meaning} |`),
    '',
    `${PASS_THROUGH_NOTE}.`,
  ].join('\n');
}

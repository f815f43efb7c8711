// guard.wrap: a function behind the guard. Each call is governed (decided and sealed) before the
// function may run, and its outcome is sealed after, linked to the decision, as `seatbelt exec`
// seals a command's exit: returned → exit code 0, thrown → exit code 1 with the error's name.
import { SeatbeltError } from '../core/error.js';
import { DIALECTS, type Dialect } from '../core/types.js';
import { isArgv, type GuardAction } from './action.js';
import { GovernanceBlocked } from './governance-blocked.js';
import type { GuardCore } from './guard.js';
import { describe } from './options.js';

/**
 * Which argument holds the action: a position (`arg: 0`), or a property of the first argument when
 * it is an object (`arg: 'command'`, as tool frameworks pass their input).
 */
export type WrapSpec =
  | { kind: 'shell'; arg: number | string }
  | { kind: 'argv'; arg: number | string }
  | { kind: 'sql'; arg: number | string; dialect?: Dialect };

export function wrapFunction<A extends unknown[], R>(
  core: GuardCore,
  fn: (...args: A) => R,
  spec: WrapSpec,
): (...args: A) => Promise<Awaited<R>> {
  if (typeof fn !== 'function') throw new SeatbeltError('USAGE', `wrap: expected a function, found ${describe(fn)}`);
  const actionOf = actionReader(spec);
  const guarded = async function (this: unknown, ...args: A): Promise<Awaited<R>> {
    const { decision, record } = await core.govern(actionOf(args));
    if (decision.decision === 'block') throw new GovernanceBlocked(decision, record.eventId);
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let value: Awaited<R>;
    try {
      value = await fn.apply(this, args);
    } catch (err) {
      // Only the error's name: its message may quote the data the function worked on.
      core.sealOutcome(record.eventId, { exitCode: 1, signal: null, durationMs: elapsed(), spawnError: `threw ${errorName(err)}` });
      throw err;
    }
    core.sealOutcome(record.eventId, { exitCode: 0, signal: null, durationMs: elapsed() });
    return value;
  };
  // Frameworks name a tool after its function (the OpenAI Agents SDK does when no name is given).
  Object.defineProperty(guarded, 'name', { value: fn.name });
  return guarded;
}

/** Checks the spec once, at wrap time; returns the reader of each call's action. */
function actionReader(spec: unknown): (args: unknown[]) => GuardAction {
  const s = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!['shell', 'argv', 'sql'].includes(s.kind as string))
    problems.push(`kind: expected "shell", "argv" or "sql", found ${describe(s.kind)}`);
  const positional = typeof s.arg === 'number' && Number.isInteger(s.arg) && s.arg >= 0;
  if (!positional && !(typeof s.arg === 'string' && s.arg !== ''))
    problems.push(`arg: expected an argument position (0, 1, …) or a property name, found ${describe(s.arg)}`);
  if (s.dialect !== undefined && (s.kind !== 'sql' || !(DIALECTS as readonly unknown[]).includes(s.dialect))) {
    problems.push(
      s.kind !== 'sql' ? 'dialect: only for kind "sql"' : `dialect: expected one of ${DIALECTS.join(', ')}, found ${describe(s.dialect)}`,
    );
  }
  if (problems.length) throw new SeatbeltError('USAGE', `wrap: invalid spec:\n  ${problems.join('\n  ')}`);
  const where = positional ? `argument ${s.arg as number}` : `property "${s.arg as string}" of argument 0`;
  const pick = (args: unknown[]): unknown => {
    if (positional) return args[s.arg as number];
    const first = args[0];
    return typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[s.arg as string] : undefined;
  };
  return (args) => {
    const value = pick(args);
    const bad = (expected: string) =>
      new SeatbeltError('INPUT', `wrap: ${where} should be ${expected}, found ${describe(value)}; nothing was run`);
    switch (s.kind) {
      case 'shell':
        if (typeof value !== 'string') throw bad('a shell script (a string)');
        return { kind: 'shell', script: value };
      case 'argv':
        if (!isArgv(value)) throw bad('a command as a non-empty array of strings');
        return { kind: 'argv', argv: value };
      default:
        if (typeof value !== 'string') throw bad('SQL text (a string)');
        return { kind: 'sql', sql: value, ...(s.dialect !== undefined ? { dialect: s.dialect as Dialect } : {}) };
    }
  };
}

function errorName(err: unknown): string {
  if (err instanceof Error) return err.name || 'Error';
  return err === null ? 'null' : typeof err;
}

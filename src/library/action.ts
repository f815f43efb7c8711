// What a caller asks the guard about, checked at the library's boundary: a shell script, an argv
// command, or SQL (whose dialect defaults to the guard's).
import { SeatbeltError } from '../core/error.js';
import { DIALECTS, type Action, type Dialect } from '../core/types.js';
import { describe } from './options.js';

export type GuardAction =
  { kind: 'shell'; script: string } | { kind: 'argv'; argv: readonly string[] } | { kind: 'sql'; sql: string; dialect?: Dialect };

/** Throws SeatbeltError('INPUT') naming every bad field. */
export function toAction(input: unknown, defaultDialect: Dialect): Action {
  const problems: string[] = [];
  const a = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  switch (a.kind) {
    case 'shell':
      if (typeof a.script !== 'string') problems.push(`script: expected a string, found ${describe(a.script)}`);
      break;
    case 'argv':
      if (!isArgv(a.argv)) problems.push(`argv: expected a non-empty array of strings, found ${describe(a.argv)}`);
      break;
    case 'sql':
      if (typeof a.sql !== 'string') problems.push(`sql: expected a string, found ${describe(a.sql)}`);
      if (a.dialect !== undefined && !(DIALECTS as readonly unknown[]).includes(a.dialect))
        problems.push(`dialect: expected one of ${DIALECTS.join(', ')}, found ${describe(a.dialect)}`);
      break;
    default:
      problems.push(`kind: expected "shell", "argv" or "sql", found ${describe(a.kind)}`);
  }
  if (problems.length) throw new SeatbeltError('INPUT', `invalid action:\n  ${problems.join('\n  ')}`);
  if (a.kind === 'shell') return { kind: 'shell', script: a.script as string };
  if (a.kind === 'argv') return { kind: 'argv', argv: [...(a.argv as string[])] };
  return { kind: 'sql', sql: a.sql as string, dialect: (a.dialect as Dialect | undefined) ?? defaultDialect };
}

export function isArgv(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((w) => typeof w === 'string');
}

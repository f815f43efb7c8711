// Validates one line of `check --jsonl` input, naming every problem at once.
import { SeatbeltError } from '../../core/error.js';
import { DIALECTS, type Action, type Dialect } from '../../core/types.js';

export interface BatchLine {
  action: Action;
  policy?: string;
  role?: string;
}

export function parseBatchLine(text: string, lineNo: number, defaultDialect: Dialect = 'postgresql'): BatchLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('INPUT', `line ${lineNo}: not JSON (${(err as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SeatbeltError('INPUT', `line ${lineNo}: expected a JSON object`);
  const o = json as Record<string, unknown>;
  const problems: string[] = [];
  const kinds = ['shell', 'argv', 'sql'].filter((k) => k in o);
  if (kinds.length !== 1) problems.push(`expected exactly one of "shell", "argv", "sql", got ${kinds.length ? kinds.join(', ') : 'none'}`);
  if ('shell' in o && typeof o.shell !== 'string') problems.push(`"shell" expected a string, got ${typeName(o.shell)}`);
  if ('sql' in o && typeof o.sql !== 'string') problems.push(`"sql" expected a string, got ${typeName(o.sql)}`);
  if ('argv' in o && !(Array.isArray(o.argv) && o.argv.length > 0 && o.argv.every((a) => typeof a === 'string')))
    problems.push(`"argv" expected a non-empty array of strings, got ${typeName(o.argv)}`);
  if ('dialect' in o && !(typeof o.dialect === 'string' && (DIALECTS as readonly string[]).includes(o.dialect)))
    problems.push(`"dialect" expected one of ${DIALECTS.join(', ')}, got ${JSON.stringify(o.dialect)}`);
  for (const k of ['policy', 'role'] as const)
    if (k in o && typeof o[k] !== 'string') problems.push(`"${k}" expected a string, got ${typeName(o[k])}`);
  if (problems.length) throw new SeatbeltError('INPUT', `line ${lineNo}: ${problems.join('; ')}`);
  const action: Action =
    typeof o.shell === 'string'
      ? { kind: 'shell', script: o.shell }
      : typeof o.sql === 'string'
        ? { kind: 'sql', sql: o.sql, dialect: (o.dialect as Dialect | undefined) ?? defaultDialect }
        : { kind: 'argv', argv: o.argv as string[] };
  return { action, ...(typeof o.policy === 'string' ? { policy: o.policy } : {}), ...(typeof o.role === 'string' ? { role: o.role } : {}) };
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

// Ordinary changes: allowed by the default policy, refused by stricter ones (read-only, production).
import type { SqlStatement } from '../../core/ir.js';
import type { DetailedSqlRule } from './match.js';

const WRITE_KINDS = new Set(['insert', 'update', 'delete', 'merge']);

const isWrite = (s: SqlStatement) =>
  WRITE_KINDS.has(s.kind) || (s.kind === 'copy' && s.facts.copyDirection === 'from') || s.facts.writeFunction !== undefined;

export const CHANGE_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.write',
    risk: 'MEDIUM',
    reason: 'changes rows (INSERT, UPDATE, DELETE, MERGE, COPY FROM)',
    remediation: 'run data changes under a role or policy that allows writes',
    examples: {
      block: [
        'INSERT INTO logs(msg) VALUES (1)',
        'UPDATE users SET a = 1 WHERE id = 5',
        'DELETE FROM users WHERE id = 5',
        { sql: 'REPLACE INTO t VALUES (1)', dialect: 'mysql' },
        'COPY t FROM STDIN',
        "SELECT setval('s', 1)",
      ],
      allow: ['SELECT * FROM users', 'EXPLAIN DELETE FROM users', 'SHOW search_path'],
    },
    match: isWrite,
  },
  {
    id: 'sql.ddl',
    risk: 'MEDIUM',
    reason: 'changes the schema (CREATE, ALTER, RENAME, COMMENT, SELECT INTO)',
    remediation: 'make schema changes through a reviewed migration',
    examples: {
      block: [
        'CREATE TABLE t (id int)',
        'ALTER TABLE users ADD COLUMN age int',
        'CREATE INDEX i ON t (a)',
        'SELECT * INTO backup FROM users',
        { sql: 'RENAME TABLE a TO b', dialect: 'mysql' },
      ],
      allow: ['SELECT * FROM users', 'SELECT * FROM create_table_log'],
    },
    match: (s) => s.kind === 'create' || (s.kind === 'alter' && s.facts.alterDrop === undefined) || s.facts.selectInto !== undefined,
  },
  {
    id: 'sql.maintenance',
    risk: 'LOW',
    reason: 'maintenance or locking (VACUUM, REINDEX, CLUSTER, LOCK, CHECKPOINT)',
    remediation: 'schedule maintenance outside busy hours',
    examples: {
      block: [
        'VACUUM FULL users',
        'LOCK TABLE users IN ACCESS EXCLUSIVE MODE',
        'REINDEX TABLE users',
        { sql: 'VACUUM', dialect: 'sqlite' },
        { sql: 'OPTIMIZE TABLE users', dialect: 'mysql' },
      ],
      allow: ['SELECT * FROM users'],
    },
    match: (s) =>
      s.kind === 'other' &&
      s.facts.finding === undefined &&
      s.facts.statementType !== 'if' &&
      s.facts.codeExecution === undefined &&
      s.facts.serverConfig === undefined,
  },
];

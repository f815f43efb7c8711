// The shapes SQL injection leaves behind: a tautology OR-ed into a WHERE, and UNION SELECTs that
// pad with NULLs or reach into another table's credential columns.
import type { DetailedSqlRule } from './match.js';

export const INJECTION_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.or_tautology',
    risk: 'HIGH',
    reason: "a condition OR-ed with something always true (' OR '1'='1'): the WHERE no longer filters",
    remediation: 'bind user input as parameters; remove the always-true alternative',
    examples: {
      block: [
        "SELECT * FROM users WHERE name = '' OR '1'='1'",
        'SELECT * FROM users WHERE id = 5 OR 1=1',
        { sql: "SELECT * FROM users WHERE user = 'admin' OR 1 -- ' AND pass = 'x'", dialect: 'mysql' },
        { sql: "SELECT * FROM users WHERE name = '' OR 'a'='a'", dialect: 'sqlite' },
        { sql: "SELECT * FROM users WHERE name = '' OR 1=1", dialect: 'transactsql' },
        'SELECT * FROM users WHERE (active AND id = 3) OR true',
      ],
      allow: [
        'SELECT * FROM users WHERE 1=1 AND id = 5',
        'SELECT * FROM users WHERE id = 5 OR id = 6',
        "SELECT * FROM users WHERE name = 'x OR 1=1'",
        'SELECT * FROM users WHERE true',
      ],
    },
    match: (s) => s.facts.orTautology === true,
  },
  {
    id: 'sql.union_null_padding',
    risk: 'HIGH',
    reason: 'a UNION SELECT padded with NULLs to line up columns: the shape of UNION-based injection',
    remediation: 'bind user input as parameters; query the second table on its own',
    examples: {
      block: [
        'SELECT name, price FROM products WHERE id = 1 UNION SELECT NULL, NULL',
        'SELECT a, b, c FROM t WHERE id = 1 UNION ALL SELECT NULL, NULL, version()',
        { sql: 'SELECT id, name, price FROM products WHERE id = 1 UNION SELECT NULL, NULL, @@version', dialect: 'mysql' },
      ],
      allow: ['SELECT id, name, NULL AS email FROM a UNION ALL SELECT id, name, email FROM b', 'SELECT 1 UNION SELECT 2'],
    },
    match: (s) => s.facts.unionNullPadding === true,
  },
  {
    id: 'sql.union_credentials',
    risk: 'HIGH',
    reason: "a UNION that reaches into another table's credential-like columns (password, hash, token, secret…) or into the system catalog",
    remediation: 'read credentials only through the application that owns them',
    examples: {
      block: [
        'SELECT name, description FROM products WHERE id = 1 UNION SELECT username, password FROM users',
        { sql: 'SELECT title, body FROM posts UNION SELECT email, password_hash FROM users', dialect: 'mysql' },
        { sql: 'SELECT name, v FROM items UNION SELECT name, api_key FROM integrations', dialect: 'sqlite' },
        'SELECT name, price FROM products WHERE id = 1 UNION SELECT table_name, NULL FROM information_schema.tables',
        { sql: 'SELECT name, price FROM products WHERE id = 1 UNION SELECT name, sql FROM sqlite_master', dialect: 'sqlite' },
      ],
      allow: [
        'SELECT username, password_hash FROM users WHERE id = 1',
        'SELECT name FROM a UNION SELECT name FROM b',
        'SELECT table_name FROM information_schema.tables UNION SELECT table_name FROM information_schema.views',
      ],
    },
    match: (s) => s.facts.unionCredential !== undefined || s.facts.unionCatalog !== undefined,
    detail: (s) =>
      s.facts.unionCredential !== undefined ? `column ${s.facts.unionCredential}` : `the system catalog ${String(s.facts.unionCatalog)}`,
  },
];

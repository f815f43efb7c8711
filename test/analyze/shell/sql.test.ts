// SQL given to database clients is handed on with its dialect.
import { describe, expect, it } from 'vitest';
import { ir, only } from './helpers.js';

const sqlOf = async (src: string) => (await ir(src)).embeddedSql.map(({ dialect, sql }) => ({ dialect, sql }));

describe('embedded SQL', () => {
  const table: [string, { dialect: string; sql: string | null }[]][] = [
    ['psql -c "DROP TABLE t"', [{ dialect: 'postgresql', sql: 'DROP TABLE t' }]],
    ['psql -h db -U app mydb --command="DELETE FROM t"', [{ dialect: 'postgresql', sql: 'DELETE FROM t' }]],
    [
      'psql -c "SELECT 1" -c "DROP TABLE t" mydb',
      [
        { dialect: 'postgresql', sql: 'SELECT 1' },
        { dialect: 'postgresql', sql: 'DROP TABLE t' },
      ],
    ],
    ['psql mydb <<EOF\nTRUNCATE t;\nEOF', [{ dialect: 'postgresql', sql: 'TRUNCATE t;\n' }]],
    ['psql -f - mydb <<< "DROP SCHEMA s"', [{ dialect: 'postgresql', sql: 'DROP SCHEMA s\n' }]],
    ["echo 'DROP TABLE t;' | psql mydb", [{ dialect: 'postgresql', sql: 'DROP TABLE t;\n' }]],
    ['psql -c "DELETE FROM t WHERE id = $ID"', [{ dialect: 'postgresql', sql: null }]],
    ['mysql -u root -psecret -e "DROP DATABASE d"', [{ dialect: 'mysql', sql: 'DROP DATABASE d' }]],
    ['mysql --execute="DELETE FROM t" d', [{ dialect: 'mysql', sql: 'DELETE FROM t' }]],
    ['mariadb -e "DROP TABLE t"', [{ dialect: 'mariadb', sql: 'DROP TABLE t' }]],
    ['mysql d <<< "DROP TABLE t"', [{ dialect: 'mysql', sql: 'DROP TABLE t\n' }]],
    ['sqlite3 app.db "DROP TABLE t"', [{ dialect: 'sqlite', sql: 'DROP TABLE t' }]],
    [
      'sqlite3 -bail -cmd "PRAGMA x" app.db "DELETE FROM t"',
      [
        { dialect: 'sqlite', sql: 'PRAGMA x' },
        { dialect: 'sqlite', sql: 'DELETE FROM t' },
      ],
    ],
    ["sqlite3 app.db <<'SQL'\nDROP TABLE t;\nSQL", [{ dialect: 'sqlite', sql: 'DROP TABLE t;\n' }]],
    ['sqlcmd -S srv -Q "DROP TABLE t"', [{ dialect: 'transactsql', sql: 'DROP TABLE t' }]],
    ['sqlcmd -q "DELETE FROM t"', [{ dialect: 'transactsql', sql: 'DELETE FROM t' }]],
    ["bq query --use_legacy_sql=false 'DELETE FROM d.t WHERE true'", [{ dialect: 'bigquery', sql: 'DELETE FROM d.t WHERE true' }]],
    ['sudo -u postgres psql -c "DROP TABLE t"', [{ dialect: 'postgresql', sql: 'DROP TABLE t' }]],
    ['ssh db \'psql -c "DROP TABLE t"\'', [{ dialect: 'postgresql', sql: 'DROP TABLE t' }]],
  ];
  for (const [src, sql] of table) it(JSON.stringify(src), async () => expect(await sqlOf(src)).toEqual(sql));

  it('points at the client command', async () => {
    const i = await ir('ls && psql -c "SELECT 1"');
    expect(i.embeddedSql[0]!.commandId).toBe(only(i, 'psql').id);
  });

  it('no SQL when the client gets none (interactive, a file, listing)', async () => {
    for (const src of ['psql mydb', 'psql -l', 'psql -f migrate.sql', 'mysql d < dump.sql', 'sqlite3 app.db', 'bq ls']) {
      expect(await sqlOf(src), src).toEqual([]);
    }
  });
});

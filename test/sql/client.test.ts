// Which client command lines `seatbelt sql --exec` may start, and the dialect each one speaks.
import { describe, expect, it } from 'vitest';
import { checkSqlClient } from '../../src/adapters/cli/sql-client.js';

describe('checkSqlClient', () => {
  it.each([
    [['psql', '-h', 'db', '-p', '5432', '-U', 'app', '-d', 'shop', '-X', '-q', '-v', 'ON_ERROR_STOP=1'], 'postgresql'],
    [['/usr/bin/psql', 'shop', 'app'], 'postgresql'],
    [['psql', '-f', '-', 'shop'], 'postgresql'],
    [['psql', '--dbname=shop', '--no-psqlrc'], 'postgresql'],
    [['psql', '-d', '-c'], 'postgresql'], // "-c" is the value of -d here, as getopt reads it
    [['mysql', '-h', 'db', '-u', 'root', '-psecret', 'shop'], 'mysql'],
    [['mysql', '--user', 'root', '--database=shop'], 'mysql'],
    [['mariadb', 'shop'], 'mariadb'],
    [['sqlite3', '-bail', '-separator', ',', 'app.db'], 'sqlite'],
    [['sqlite3', ':memory:'], 'sqlite'],
    [['sqlcmd', '-S', 'db', '-d', 'shop', '-E'], 'transactsql'],
  ])('accepts %j', (argv, dialect) => {
    expect(checkSqlClient(argv)).toBe(dialect);
  });

  it.each([
    [['psql', '-c', 'DROP TABLE t']],
    [['psql', '-qXc', 'DROP TABLE t']],
    [['psql', '-cDROP TABLE t']],
    [['psql', '--command', 'DROP TABLE t']],
    [['psql', '--comm=DROP TABLE t']],
    [['psql', '-f', 'evil.sql']],
    [['psql', '--file=evil.sql']],
    [['psql', 'db', 'user', 'extra']],
    [['mysql', '-e', 'DROP TABLE t']],
    [['mysql', '-uroot', '-eDROP TABLE t']],
    [['mysql', '--execute=DROP TABLE t']],
    [['mysql', '--exec', 'DROP TABLE t']],
    [['mysql', '--init-command=DROP TABLE t']],
    [['mysql', '--defaults-file=/tmp/evil.cnf']],
    [['mysql', 'shop', 'extra']],
    [['sqlite3', 'app.db', 'DROP TABLE t']],
    [['sqlite3', '-cmd', 'DROP TABLE t', 'app.db']],
    [['sqlite3', '-init', 'evil.sql', 'app.db']],
    [['sqlcmd', '-Q', 'DROP TABLE t']],
    [['sqlcmd', '-i', 'evil.sql']],
    [['sh', '-c', 'rm -rf /']],
    [['env', 'psql']],
    [['bq', 'query']],
  ])('refuses %j', (argv) => {
    expect(() => checkSqlClient(argv)).toThrow(/--exec:/);
  });
});

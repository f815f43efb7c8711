// MySQL runs `/*! … */` (and MariaDB `/*M! … */`) comments: refused whatever dialect the SQL is
// labelled with, since the text may still reach a MySQL server. Found as MySQL reads the text.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import { DIALECTS, type Dialect } from '../../src/core/types.js';

const ids = async (sql: string, d: Dialect) => (await analyzeSql(sql, d)).matches.map((m) => m.ruleId);

const EXECUTABLE = [
  'SELECT 1 /*! ; DROP TABLE users */',
  'SELECT /*!50000 1, */ 2',
  'SELECT 1 /*M! , 2 */',
  'SELECT 1 /*M!100100 , 2 */',
  // MySQL needs a space after `--`: here the comment MySQL sees starts at `/*!`.
  'SELECT 1 --/*! , 2 */',
];

/** `/*!` that MySQL reads as data or inside a comment it skips. */
const INERT = ["SELECT '/*! data */' AS s", 'SELECT 1 -- /*! inside a line comment */', 'SELECT 1 /* a plain /*! inside */'];

describe('MySQL executable comments are refused in every dialect', () => {
  it.each(DIALECTS.flatMap((d) => EXECUTABLE.map((sql) => [d, sql] as const)))('[%s] %s', async (d, sql) => {
    expect(await ids(sql, d)).toContain('sql.mysql_executable_comment');
  });

  it.each(DIALECTS.flatMap((d) => INERT.map((sql) => [d, sql] as const)))('[%s] %s is not one', async (d, sql) => {
    expect(await ids(sql, d)).not.toContain('sql.mysql_executable_comment');
  });

  it('reads strings as MySQL does in either backslash mode (NO_BACKSLASH_ESCAPES ends this one early)', async () => {
    expect(await ids("SELECT 'a\\' /*! , 2 */ '", 'mysql')).toContain('sql.mysql_executable_comment');
  });

  it('a PostgreSQL dollar-quoted string is not a string to MySQL', async () => {
    expect(await ids('SELECT $$ /*! DROP TABLE users */ $$', 'postgresql')).toContain('sql.mysql_executable_comment');
  });
});

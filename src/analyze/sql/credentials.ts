// The catalogues where databases keep credentials, and the columns that hold them: password
// hashes (PostgreSQL pg_shadow/pg_authid, MySQL mysql.user, MariaDB mysql.global_priv, SQL Server
// sys.sql_logins and syslogins) and the options of user mappings, which carry the passwords for
// foreign servers (also shown by information_schema.user_mapping_options). A statement reads credentials when it reads one of those columns — by name, by
// `*`, or as the whole row — wherever it does: a subquery, a CTE, a view or table it creates, COPY.
// Other columns of the same catalogues (`SELECT user, host FROM mysql.user`) are not credentials.

/** A table (or view) a statement reads: its name parts (catalog/db, schema, name), lower-case, and its alias. */
export interface TableRead {
  parts: string[];
  alias?: string;
}

/** A column reference: `name` is `*` for a star; `qualifier` the table or alias written before it. */
export interface ColumnRead {
  qualifier?: string;
  name: string;
}

interface Catalogue {
  table: string;
  /** A schema or database the name must be written with (`mysql.user`, `sys.sql_logins`), else any. */
  within?: string;
  columns: string[];
}

const CATALOGUES: Catalogue[] = [
  { table: 'pg_shadow', columns: ['passwd'] },
  { table: 'pg_authid', columns: ['rolpassword'] },
  { table: 'pg_user_mapping', columns: ['umoptions'] },
  { table: 'pg_user_mappings', columns: ['umoptions'] },
  { table: 'user_mapping_options', within: 'information_schema', columns: ['option_value'] },
  { table: 'user', within: 'mysql', columns: ['authentication_string', 'password'] },
  { table: 'global_priv', within: 'mysql', columns: ['priv'] },
  { table: 'sql_logins', within: 'sys', columns: ['password_hash'] },
  { table: 'syslogins', columns: ['password'] },
  { table: 'sysxlogins', columns: ['password'] },
];

function catalogueOf(t: TableRead): Catalogue | undefined {
  const name = t.parts[t.parts.length - 1];
  const qualifiers = t.parts.slice(0, -1);
  return CATALOGUES.find((c) => c.table === name && (c.within === undefined || qualifiers.includes(c.within)));
}

/**
 * The credential a statement reads (`pg_shadow.passwd`), or undefined. `columns` are every column
 * reference in the statement; one without a qualifier may be any table's, and counts.
 * `wholeRows`: a table's name or alias used as a column is its whole row (PostgreSQL).
 */
export function credentialRead(tables: readonly TableRead[], columns: readonly ColumnRead[], wholeRows = false): string | undefined {
  for (const t of tables) {
    const c = catalogueOf(t);
    if (!c) continue;
    const names = new Set([t.parts[t.parts.length - 1] as string, ...(t.alias ? [t.alias] : [])]);
    const hit = columns.find((col) => {
      if (col.qualifier !== undefined && !names.has(col.qualifier)) return false;
      // `*`, a credential column, or the row itself (`SELECT s FROM pg_shadow s`, `row_to_json(s)`).
      return col.name === '*' || c.columns.includes(col.name) || (wholeRows && col.qualifier === undefined && names.has(col.name));
    });
    if (hit) return `${t.parts.join('.')}.${c.columns.includes(hit.name) ? hit.name : c.columns.join('/')}`;
  }
  return undefined;
}

/** SQL Server's `LOGINPROPERTY(name, 'PasswordHash')`. */
export function credentialFunction(name: string, constantArgs: readonly (string | undefined)[]): string | undefined {
  return name === 'loginproperty' && constantArgs[1]?.toLowerCase() === 'passwordhash' ? "LOGINPROPERTY(…, 'PasswordHash')" : undefined;
}

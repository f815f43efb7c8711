// Lazy, once-per-dialect loading of node-sql-parser's single-dialect builds. The default entry
// bundles every dialect (~220 ms to load); each build here is a CommonJS webpack bundle, which
// Node's ESM loader exposes as `default` (named exports are not detectable), so both shapes are read.
import type { Dialect } from '../../../core/types.js';

export type NspDialect = Exclude<Dialect, 'postgresql'>;

export interface NspParser {
  astify(sql: string, opt: { database: string }): unknown;
  sqlify(ast: unknown, opt: { database: string }): string;
}

type NspModule = { Parser?: new () => NspParser; default?: { Parser?: new () => NspParser } };

const loaders: Record<NspDialect, () => Promise<NspModule>> = {
  mysql: () => import('node-sql-parser/build/mysql.js') as Promise<NspModule>,
  mariadb: () => import('node-sql-parser/build/mariadb.js') as Promise<NspModule>,
  sqlite: () => import('node-sql-parser/build/sqlite.js') as Promise<NspModule>,
  transactsql: () => import('node-sql-parser/build/transactsql.js') as Promise<NspModule>,
  bigquery: () => import('node-sql-parser/build/bigquery.js') as Promise<NspModule>,
};

const cache = new Map<NspDialect, Promise<NspParser>>();

export function loadNspParser(dialect: NspDialect): Promise<NspParser> {
  let p = cache.get(dialect);
  if (!p) {
    p = loaders[dialect]().then((mod) => {
      const Parser = mod.Parser ?? mod.default?.Parser;
      if (typeof Parser !== 'function') throw new Error(`node-sql-parser/build/${dialect}.js exports no Parser`);
      return new Parser();
    });
    p.catch(() => cache.delete(dialect)); // a failed load may be retried
    cache.set(dialect, p);
  }
  return p;
}

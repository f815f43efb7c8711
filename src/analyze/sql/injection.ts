// The shapes SQL injection leaves in a UNION: branches padded with NULLs to match the column
// count, and branches that reach into another table's credential-like columns.
import type { SqlFacts } from '../../core/sql-facts.js';
import { CREDENTIAL_COLUMN, SYSTEM_CATALOG } from './statement.js';

export interface UnionBranch {
  /** Tables in the branch's FROM, lower-case. */
  tables: string[];
  columns: { isNull: boolean; name?: string }[];
}

type UnionFacts = Pick<SqlFacts, 'unionNullPadding' | 'unionCredential' | 'unionCatalog'>;

export function unionShape(branches: UnionBranch[]): UnionFacts {
  const facts: UnionFacts = {};
  if (branches.length < 2) return facts;
  const first = new Set(branches[0]?.tables ?? []);
  branches.forEach((b, i) => {
    const nulls = b.columns.filter((c) => c.isNull).length;
    // `UNION SELECT NULL, NULL, version()`: mostly NULLs, there only to line up the columns.
    if (i > 0 && nulls >= 2 && nulls * 2 >= b.columns.length) facts.unionNullPadding = true;
    const reachesOtherTable = i > 0 && b.tables.some((t) => !first.has(t));
    const credential = b.columns.find((c) => c.name && CREDENTIAL_COLUMN.test(c.name.split('.').pop() ?? ''));
    if (reachesOtherTable && credential?.name) facts.unionCredential = credential.name;
    // `… UNION SELECT table_name, NULL FROM information_schema.tables`: mapping the schema from a query about something else.
    const catalog = i > 0 ? b.tables.find((t) => SYSTEM_CATALOG.test(t)) : undefined;
    if (catalog && ![...first].some((t) => SYSTEM_CATALOG.test(t))) facts.unionCatalog = catalog;
  });
  return facts;
}

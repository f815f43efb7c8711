// Statement-specific facts from libpg-query nodes: targets, object types, WHERE tautologies,
// privileges, role attributes, COPY programs and files, DO and function bodies.
import type { SqlStatement } from '../../../core/ir.js';
import type { PrivilegedRoleOption } from '../../../core/sql-facts.js';
import { defElems, defValue, strings, unwrap } from './expr.js';
import { buildPg, type PgCtx } from './ir.js';
import { rangeVarName } from './select.js';
import { doBody, functionBody } from '../plpgsql.js';
import { alterTypeOverwrites, mergeFacts, restriction, upsertFacts } from './rows.js';
import { securityFacts } from './security.js';
import { markFunction, objectName } from '../statement.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

function relationName(b: unknown): string[] {
  return isNode(b) ? [objectName(b.catalogname as string, b.schemaname as string, b.relname as string)] : [];
}

/** Names in a DropStmt's `objects`: qualified-name lists, strings, functions with arguments. */
function dropObjectNames(objects: unknown): string[] {
  return asArray(objects).map((o) => {
    const u = unwrap(o);
    if (!u) return '';
    if (u[0] === 'List') return objectName(...strings(u[1].items));
    if (u[0] === 'String') return objectName(u[1].sval as string);
    if (u[0] === 'ObjectWithArgs') return objectName(...strings(u[1].objname));
    if (u[0] === 'TypeName') return objectName(...strings(u[1].names));
    return u[0];
  });
}

function roleNames(list: unknown): string[] {
  return asArray(list).map((r) => {
    const b = unwrap(r)?.[1] ?? {};
    if (b.roletype === 'ROLESPEC_PUBLIC') return 'public';
    if (b.roletype === 'ROLESPEC_CURRENT_USER' || b.roletype === 'ROLESPEC_CURRENT_ROLE') return 'current_user';
    if (b.roletype === 'ROLESPEC_SESSION_USER') return 'session_user';
    return String(b.rolename ?? '').toLowerCase();
  });
}

/** Extensions whose functions reach the server's files or run programs or SQL text. */
const UNSAFE_EXTENSIONS: Record<string, 'codeExecution' | 'serverFile'> = {
  adminpack: 'serverFile',
  file_fdw: 'serverFile',
  plsh: 'codeExecution',
  plr: 'codeExecution',
  pljava: 'codeExecution',
};

/** libpg-query's names of the role options that carry privileges, and the attributes they turn on. */
const PRIVILEGED_ROLE_OPTIONS: Record<string, PrivilegedRoleOption> = {
  superuser: 'superuser',
  createrole: 'createrole',
  bypassrls: 'bypassrls',
  isreplication: 'replication',
};

function roleOptions(s: SqlStatement, options: unknown): void {
  const opts = defElems(options);
  const granted = Object.entries(PRIVILEGED_ROLE_OPTIONS).filter(([o]) => opts.has(o) && defValue(opts.get(o)) === true);
  if (granted.length > 0) s.facts.rolePrivileged = granted.map(([, attribute]) => attribute);
  if (opts.has('canlogin') && defValue(opts.get('canlogin')) === true) s.facts.createsLogin = true;
}

/** Statement-specific facts; the generic walk below adds nested statements and function calls. */
export function pgFacts(type: string, b: Node, s: SqlStatement, raw: string, ctx: PgCtx): void {
  securityFacts(type, b, s);
  switch (type) {
    case 'SelectStmt':
      s.targets = asArray(b.fromClause)
        .map(rangeVarName)
        .filter((n): n is string => !!n);
      if (b.intoClause != null) s.facts.selectInto = true;
      if (b.lockingClause != null) s.facts.locking = true;
      return;
    case 'InsertStmt':
      s.targets = relationName(b.relation);
      upsertFacts(s, b);
      return;
    case 'UpdateStmt':
    case 'DeleteStmt':
      s.targets = relationName(b.relation);
      restriction(s, b.whereClause, b.relation);
      return;
    case 'MergeStmt':
      s.targets = relationName(b.relation);
      mergeFacts(s, b);
      return;
    case 'TruncateStmt':
      s.targets = asArray(b.relations)
        .map(rangeVarName)
        .filter((n): n is string => !!n);
      s.objectType = 'table';
      return;
    case 'DropStmt':
      s.objectType = String(b.removeType ?? 'OBJECT_UNKNOWN')
        .replace('OBJECT_', '')
        .toLowerCase()
        .replace(/_/g, ' ');
      if (s.objectType === 'matview') s.objectType = 'materialized view';
      s.targets = dropObjectNames(b.objects);
      return;
    case 'DropdbStmt':
      s.objectType = 'database';
      s.targets = [String(b.dbname ?? '').toLowerCase()];
      return;
    case 'DropOwnedStmt':
      s.objectType = 'owned objects';
      s.targets = roleNames(b.roles);
      return;
    case 'DropTableSpaceStmt':
    case 'DropSubscriptionStmt':
    case 'DropUserMappingStmt':
      s.objectType = { DropTableSpaceStmt: 'tablespace', DropSubscriptionStmt: 'subscription', DropUserMappingStmt: 'user mapping' }[type];
      return;
    case 'AlterTableStmt': {
      s.objectType = String(b.objtype ?? 'OBJECT_TABLE')
        .replace('OBJECT_', '')
        .toLowerCase();
      s.targets = relationName(b.relation);
      const cmds = asArray(b.cmds).map((c) => unwrap(c)?.[1] ?? {});
      const drops = cmds.flatMap((c) => {
        if (c.subtype === 'AT_DropColumn') return ['column'];
        if (c.subtype === 'AT_DropConstraint') return ['constraint'];
        if (alterTypeOverwrites(c, b.relation))
          return [`every value of column ${String(c.name)} (TYPE … USING a value that does not read the row)`];
        return [];
      });
      if (drops.length > 0) s.facts.alterDrop = drops;
      return;
    }
    case 'AlterDefaultPrivilegesStmt':
      // The action is an (unwrapped) GrantStmt applied to objects created later.
      if (isNode(b.action)) pgFacts('GrantStmt', b.action, s, raw, ctx);
      return;
    case 'GrantStmt': {
      s.kind = b.is_grant ? 'grant' : 'revoke';
      const privs = asArray(b.privileges).map((p) => String(unwrap(p)?.[1].priv_name ?? '').toLowerCase());
      s.facts.privileges = privs.length === 0 ? ['all'] : privs;
      if (privs.length === 0) s.facts.grantAll = true;
      if (b.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') s.facts.grantOnAll = true;
      if (roleNames(b.grantees).includes('public')) s.facts.grantToPublic = true;
      if (b.grant_option) s.facts.grantOption = true;
      return;
    }
    case 'GrantRoleStmt': {
      s.kind = b.is_grant ? 'grant' : 'revoke';
      s.facts.grantRoles = asArray(b.granted_roles).map((r) => String(unwrap(r)?.[1].priv_name ?? '').toLowerCase());
      if (roleNames(b.grantee_roles).includes('public')) s.facts.grantToPublic = true;
      const opts = defElems(b.opt);
      if (opts.has('admin') && defValue(opts.get('admin')) !== false) s.facts.grantOption = true;
      return;
    }
    case 'CreateRoleStmt':
      s.facts.roleAction = 'create';
      s.objectType = String(b.stmt_type ?? '')
        .replace('ROLESTMT_', '')
        .toLowerCase();
      s.targets = [String(b.role ?? '').toLowerCase()];
      roleOptions(s, b.options);
      // CREATE USER implies LOGIN unless NOLOGIN is written.
      if (b.stmt_type === 'ROLESTMT_USER' && !defElems(b.options).has('canlogin')) s.facts.createsLogin = true;
      return;
    case 'AlterRoleStmt':
      s.facts.roleAction = 'alter';
      s.targets = roleNames([{ RoleSpec: b.role }]);
      roleOptions(s, b.options);
      return;
    case 'AlterRoleSetStmt':
      s.facts.roleAction = 'alter';
      return;
    case 'DropRoleStmt':
      s.facts.roleAction = 'drop';
      s.targets = roleNames(b.roles);
      return;
    case 'CopyStmt':
      s.targets = relationName(b.relation);
      s.facts.copyDirection = b.is_from ? 'from' : 'to';
      if (b.is_program) s.facts.copyProgram = String(b.filename ?? '');
      else if (typeof b.filename === 'string') s.facts.serverFile = `COPY ${b.is_from ? 'FROM' : 'TO'} '${b.filename}'`;
      return;
    case 'DoStmt':
      doBody(s, defElems(b.args), ctx);
      return;
    case 'CreateFunctionStmt':
      s.objectType = b.is_procedure ? 'procedure' : 'function';
      s.targets = [objectName(...strings(b.funcname))];
      functionBody(s, raw, defElems(b.options), ctx);
      return;
    case 'CallStmt': {
      const fc = isNode(b.funccall) ? b.funccall : {};
      const callee = objectName(...strings(fc.funcname));
      s.facts.callee = callee;
      s.targets = [callee];
      markFunction(s, callee);
      return;
    }
    case 'ExecuteStmt':
    case 'PrepareStmt':
      s.facts.prepared = String(b.name ?? '');
      return;
    case 'ExplainStmt': {
      const opts = defElems(b.options);
      const analyze = opts.has('analyze') && !['false', 'off', '0'].includes(String(defValue(opts.get('analyze'))).toLowerCase());
      if (analyze) s.nested.push(buildPg(b.query, raw, { ...ctx, nestDepth: ctx.nestDepth + 1 }, 'EXPLAIN ANALYZE'));
      return;
    }
    case 'VariableSetStmt': {
      const name = String(b.name ?? '').toLowerCase();
      if (name === 'standard_conforming_strings' || name === 'backslash_quote') s.facts.changesLexing = `SET ${name}`;
      return;
    }
    case 'LoadStmt':
      s.facts.codeExecution = `LOAD '${String(b.filename ?? '')}'`;
      return;
    case 'AlterSystemStmt':
      s.facts.serverConfig = 'ALTER SYSTEM';
      return;
    case 'CreateExtensionStmt': {
      // Untrusted procedural languages run native code as the server's OS user.
      const name = String(b.extname ?? '').toLowerCase();
      if (/^pl.*u$/.test(name) || UNSAFE_EXTENSIONS[name]) s.facts[UNSAFE_EXTENSIONS[name] ?? 'codeExecution'] = `CREATE EXTENSION ${name}`;
      return;
    }
    case 'CreatePLangStmt':
      if (!b.pltrusted) s.facts.codeExecution = `CREATE LANGUAGE ${String(b.plname ?? '')}`;
      return;
    case 'CreateStmt':
    case 'CreateTableAsStmt':
    case 'ViewStmt':
    case 'IndexStmt':
      s.objectType = type === 'IndexStmt' ? 'index' : type === 'ViewStmt' ? 'view' : 'table';
      s.targets = relationName(b.relation ?? (isNode(b.into) ? b.into.rel : undefined) ?? b.view);
      return;
    default:
      return;
  }
}

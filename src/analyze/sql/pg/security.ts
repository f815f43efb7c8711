// PostgreSQL statements that change who may do what without a GRANT: handing objects to another
// owner, turning row-level security off, event triggers (a function run on every DDL statement),
// and switching the session to another role (SET ROLE, SET SESSION AUTHORIZATION, set_config).
import type { SqlStatement } from '../../../core/ir.js';
import { strings, unwrap } from './expr.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

function roleName(spec: unknown): string {
  const b = isNode(spec) ? spec : {};
  if (b.roletype === 'ROLESPEC_CURRENT_USER' || b.roletype === 'ROLESPEC_CURRENT_ROLE') return 'current_user';
  if (b.roletype === 'ROLESPEC_SESSION_USER') return 'session_user';
  return String(b.rolename ?? '').toLowerCase();
}

/** Row-level security switched off for the table (owners and BYPASSRLS roles skip it anyway). */
const RLS_OFF: Record<string, string> = {
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY',
};

/** The role a `SET role|session_authorization` switches to, or undefined when it switches back. */
function switchedTo(b: Node): string | undefined {
  if (b.kind !== 'VAR_SET_VALUE') return undefined; // RESET, SET … TO DEFAULT: back to the login role
  const value = asArray(b.args)
    .map((a) => unwrap(a)?.[1])
    .find(isNode);
  const role = isNode(value?.sval) ? String(value.sval.sval ?? '') : '';
  // `SET ROLE NONE` (the keyword or the string 'none', compared as PostgreSQL does) drops the role.
  return b.name === 'role' && role === 'none' ? undefined : role;
}

/** Security facts of one statement (its type and libpg-query body). */
export function securityFacts(type: string, b: Node, s: SqlStatement): void {
  switch (type) {
    case 'AlterTableStmt': {
      const cmds = asArray(b.cmds).map((c) => unwrap(c)?.[1] ?? {});
      const off = cmds.map((c) => RLS_OFF[String(c.subtype)]).filter((x): x is string => x !== undefined);
      if (off.length > 0) s.facts.rowSecurityOff = off;
      const owner = cmds.find((c) => c.subtype === 'AT_ChangeOwner');
      if (owner) s.facts.newOwner = roleName(owner.newowner);
      return;
    }
    case 'AlterOwnerStmt':
      s.facts.newOwner = roleName(b.newowner);
      return;
    case 'ReassignOwnedStmt':
      s.facts.newOwner = roleName(b.newrole);
      return;
    case 'CreateEventTrigStmt':
      s.facts.eventTrigger = `CREATE EVENT TRIGGER ${String(b.trigname ?? '')} ON ${String(b.eventname ?? '')}`;
      return;
    case 'AlterEventTrigStmt':
      s.facts.eventTrigger = `ALTER EVENT TRIGGER ${String(b.trigname ?? '')}`;
      return;
    case 'VariableSetStmt': {
      if (b.name !== 'role' && b.name !== 'session_authorization') return;
      const role = switchedTo(b);
      if (role !== undefined) s.facts.setRole = role;
      return;
    }
    case 'AlterRoleSetStmt':
    case 'AlterDatabaseSetStmt': {
      // `ALTER ROLE r SET role = admin`: every later session of r (or in the database) starts as admin.
      const set = isNode(b.setstmt) ? b.setstmt : undefined;
      const role = set && set.name === 'role' ? switchedTo(set) : undefined;
      if (role !== undefined) s.facts.setRole = `${role} (at every login)`;
      return;
    }
    default:
      return;
  }
}

/** `set_config('role', 'admin', …)`: SET ROLE as a function call (a name known only at run time counts too). */
export function markSetConfig(s: SqlStatement, call: Node): void {
  if (strings(call.funcname).pop()?.toLowerCase() !== 'set_config') return;
  const [setting, value] = asArray(call.args).map((a) => unwrap(a));
  const name = setting?.[0] === 'A_Const' && isNode(setting[1].sval) ? String(setting[1].sval.sval ?? '').toLowerCase() : undefined;
  if (name !== undefined && name !== 'role' && name !== 'session_authorization') return;
  const role = value?.[0] === 'A_Const' && isNode(value[1].sval) ? String(value[1].sval.sval ?? '') : undefined;
  if (name === 'role' && role === 'none') return;
  s.facts.setRole = role ?? `set_config(${name ?? 'a setting named at run time'}, …)`;
}

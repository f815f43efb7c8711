// Which SqlKind each libpg-query statement node is. Node types missing here are refused as
// unknown statements: a new PostgreSQL statement is never allowed by accident.
import type { SqlKind } from '../../../core/ir.js';

const ALTER = [
  'AlterTableStmt', 'RenameStmt', 'AlterObjectSchemaStmt', 'AlterOwnerStmt', 'AlterSeqStmt', 'AlterDomainStmt',
  'AlterEnumStmt', 'AlterTypeStmt', 'AlterExtensionStmt', 'AlterExtensionContentsStmt', 'AlterFunctionStmt',
  'AlterCollationStmt', 'AlterPolicyStmt', 'AlterStatsStmt', 'AlterOperatorStmt', 'AlterOpFamilyStmt',
  'AlterTSDictionaryStmt', 'AlterTSConfigurationStmt', 'AlterFdwStmt', 'AlterForeignServerStmt',
  'AlterUserMappingStmt', 'AlterPublicationStmt', 'AlterSubscriptionStmt', 'AlterEventTrigStmt',
  'AlterTableSpaceOptionsStmt', 'AlterTableMoveAllStmt', 'AlterDatabaseStmt', 'AlterDatabaseSetStmt',
  'AlterDatabaseRefreshCollStmt', 'AlterObjectDependsStmt', 'ReplicaIdentityStmt', 'CommentStmt', 'SecLabelStmt',
  'ReassignOwnedStmt', 'RefreshMatViewStmt',
];

const CREATE = [
  'CreateStmt', 'CreateTableAsStmt', 'ViewStmt', 'IndexStmt', 'CreateSchemaStmt', 'CreateSeqStmt',
  'CreateFunctionStmt', 'CreateTrigStmt', 'CreateExtensionStmt', 'CreatedbStmt', 'CreateDomainStmt',
  'CompositeTypeStmt', 'CreateEnumStmt', 'CreateRangeStmt', 'DefineStmt', 'CreatePolicyStmt', 'CreatePLangStmt',
  'CreateCastStmt', 'CreateConversionStmt', 'CreateTransformStmt', 'CreateOpClassStmt', 'CreateOpFamilyStmt',
  'CreateAmStmt', 'CreateStatsStmt', 'CreateFdwStmt', 'CreateForeignServerStmt', 'CreateForeignTableStmt',
  'CreateUserMappingStmt', 'ImportForeignSchemaStmt', 'CreateEventTrigStmt', 'CreatePublicationStmt',
  'CreateSubscriptionStmt', 'CreateTableSpaceStmt', 'RuleStmt',
];

/** Session-only statements: they change no stored data. */
const SESSION = [
  'VariableSetStmt', 'DeallocateStmt', 'ListenStmt', 'UnlistenStmt', 'NotifyStmt', 'DiscardStmt',
  'DeclareCursorStmt', 'ClosePortalStmt', 'FetchStmt', 'ConstraintsSetStmt', 'PrepareStmt',
];

/** Maintenance and locking: not data changes, but not reads either. */
const OTHER = ['VacuumStmt', 'ClusterStmt', 'ReindexStmt', 'CheckPointStmt', 'LockStmt', 'LoadStmt', 'AlterSystemStmt'];

export const PG_KINDS: Readonly<Record<string, SqlKind>> = {
  SelectStmt: 'select',
  InsertStmt: 'insert',
  UpdateStmt: 'update',
  DeleteStmt: 'delete',
  MergeStmt: 'merge',
  TruncateStmt: 'truncate',
  DropStmt: 'drop',
  DropdbStmt: 'drop',
  DropOwnedStmt: 'drop',
  DropTableSpaceStmt: 'drop',
  DropSubscriptionStmt: 'drop',
  DropUserMappingStmt: 'drop',
  GrantStmt: 'grant',
  GrantRoleStmt: 'grant',
  AlterDefaultPrivilegesStmt: 'grant',
  CreateRoleStmt: 'role',
  AlterRoleStmt: 'role',
  AlterRoleSetStmt: 'role',
  DropRoleStmt: 'role',
  CopyStmt: 'copy',
  DoStmt: 'call',
  CallStmt: 'call',
  ExecuteStmt: 'call',
  VariableShowStmt: 'show',
  TransactionStmt: 'transaction',
  ExplainStmt: 'explain',
  ...Object.fromEntries(ALTER.map((t) => [t, 'alter'])),
  ...Object.fromEntries(CREATE.map((t) => [t, 'create'])),
  ...Object.fromEntries(SESSION.map((t) => [t, 'set'])),
  ...Object.fromEntries(OTHER.map((t) => [t, 'other'])),
};

/** Node types that are statements (so a nested one is analysed as a statement of its own). */
export const isPgStatementType = (type: string): boolean => type in PG_KINDS;

// The role file format: allow rules written against the IR (command names, subcommands, flags,
// folders, SQL statement kinds and tables), each carrying examples that must and must not pass.
// The format is documented in docs/roles.md; validate.ts beside it checks it field by field.
import type { SqlKind } from '../../core/ir.js';
import type { Dialect, RoleRef } from '../../core/types.js';

/** A SQL example: the text, and the dialect when it is not the role's default. */
export interface RoleSqlExample {
  sql: string;
  dialect?: Dialect;
}

interface RuleBase {
  /** Stable id, unique in the role (`git.read`). Names the rule in decisions and errors. */
  id: string;
  description?: string;
}

export interface CommandAllowRule extends RuleBase {
  /**
   * Command name(s), after unwrapping. A bare name (`ls`) matches the installed program, spelled
   * bare or from a system folder (`/usr/bin/ls`); a path (`./gradlew`, `/opt/tool/bin/x`, `*` per
   * segment) matches a program run by that path. `./ls` or `/tmp/x/ls` is never `ls`.
   */
  command: string | string[];
  /**
   * Allowed subcommand paths, each one or more words (`"get"`, `"s3 ls"`, `"ec2 describe-*"`);
   * `*` matches within one word. Absent: any (or no) subcommand.
   */
  subcommands?: string[];
  /** Options that take the next word as their value (`-n`, `--namespace`), added to the built-in table. */
  valueOptions?: string[];
  /** Only these flags may appear (each spelling listed: `-f`, `--force`). Absent: any flag not forbidden. */
  allowFlags?: string[];
  /** Flags that may never appear, in any spelling (`-rf` contains `-f`, `--forc` abbreviates `--force`). */
  forbidFlags?: string[];
  /**
   * Folders (absolute, `~/…`, or `./…` relative to the working folder the guard runs in) and object
   * store / URL prefixes (`s3://bucket/prefix`, `https://*`) that every path argument must lie in.
   * Absent: arguments are not constrained to folders.
   */
  paths?: string[];
  /** Positional arguments and option values that may never appear (globs: `secret*`, `*.pem`). */
  forbidArgs?: string[];
  /** Output redirections to files are allowed (to `paths`, when given). Default false. */
  outputRedirects?: boolean;
  /**
   * The command may read stdin fed by a pipe, a file redirect (from `paths`, when given), a heredoc
   * or a herestring. Default true; false for interpreters and clients whose stdin is a program.
   */
  stdin?: boolean;
  /** Assignment prefixes allowed (`LANG`, `LC_*`). Default: a small locale/terminal set. */
  env?: string[];
  /** Wrappers the command may run under (`sudo`, `xargs`, …). Default: the harmless ones. */
  wrappers?: string[];
  /** Arguments that are dynamic (`$X`, globs, fed by xargs) are accepted when nothing else constrains them. */
  dynamicArgs?: boolean;
  /** Shell scripts the role must allow using this rule. */
  match: string[];
  /** Shell scripts the role must not allow. */
  notMatch: string[];
}

export interface SqlAllowRule extends RuleBase {
  sql: {
    /** Statement kinds allowed (`select`, `explain`, `show`, …). */
    kinds: SqlKind[];
    /** Target patterns (`orders`, `analytics.*`); unqualified patterns match any schema. Absent: any. */
    tables?: string[];
    /** UPDATE and DELETE must have a WHERE that is not a tautology. Default false. */
    requireWhere?: boolean;
  };
  match: (string | RoleSqlExample)[];
  notMatch: (string | RoleSqlExample)[];
}

export type AllowRule = CommandAllowRule | SqlAllowRule;

/** The file as written (validated by `validateRole`). */
export interface RoleFile {
  $schema?: string;
  name: string;
  description: string;
  /** The dialect of SQL examples without their own. Default postgresql. */
  dialect?: Dialect;
  allow: AllowRule[];
}

/** A validated role bound to the bytes it came from. */
export interface Role {
  ref: RoleRef;
  file: RoleFile;
}

/** A role loaded from disk: knows its path and can tell when the file changed since. */
export interface LoadedRole extends Role {
  path: string;
  /** Re-hashes the file: true when it changed or vanished since it was loaded. */
  isStale(): boolean;
}

export function isSqlRule(rule: AllowRule): rule is SqlAllowRule {
  return 'sql' in rule;
}

// The intermediate representation the rules look at. The shell IR knows which word is a command
// and which is data; the SQL IR knows statement kinds and their targets. Rules see only this.
import type { SqlFacts } from './sql-facts.js';
import type { Dialect } from './types.js';

/** A word after quote removal. */
export interface Word {
  /** The value after quote removal and escape processing (`r''m` → `rm`). Dynamic parts keep their source text. */
  value: string;
  /** False when the word contains `$VAR`, `${…}`, `$(…)`, backticks, arithmetic, unquoted globs or brace expansion. */
  static: boolean;
  /** The word as written in the source. */
  raw: string;
  /**
   * True when the word is dynamic only through unquoted glob characters or brace expansion
   * (`/*`, `*.log`, `{a,b}`): then `value` is the pattern itself and can still be judged.
   */
  glob?: boolean;
  /**
   * Set when `value` is the word with variables of statically known value substituted
   * (`d=build; rm -rf "$d"` → `build`; `T=$(mktemp -d) && rm -rf "$T"` → `/tmp/tmp.XXXXXXXXXX`):
   * the names substituted. `raw` keeps the word as written.
   */
  vars?: string[];
}

export type ContextKind =
  | 'pipeline' // a stage of a pipeline (see SimpleCommand.pipeline)
  | 'list' // `a && b`, `a || b`, `a; b`
  | 'subshell' // ( … )
  | 'group' // { …; }
  | 'if'
  | 'while'
  | 'for'
  | 'case'
  | 'function' // a function body
  | 'command_substitution' // $(…) or `…`
  | 'process_substitution' // <(…) or >(…)
  | 'heredoc' // a script fed through a heredoc/herestring to a shell
  | 'nested_script' // a script given to `bash -c`, `eval`, `ssh host '…'`, `python -c 'os.system(…)'`
  | 'background'; // a command ended with `&`

export interface Context {
  kind: ContextKind;
  /** Extra detail, e.g. the wrapper or program that carries a nested script (`bash -c`, `eval`). */
  detail?: string;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `&>`, `&>>`, `>&`, `<&`, `>|`. */
  op: string;
  /** The file descriptor written before the operator, if any (`2>`). */
  fd?: string;
  target: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  /** Position in ShellIr.commands. */
  id: number;
  /** The command name after unwrapping wrappers and taking the basename of absolute paths (`/usr/bin/rm` → `rm`). */
  name: Word;
  /** The arguments after the command name (wrapper options already consumed). */
  args: Word[];
  /** `VAR=value` prefixes (also those given to `env`). */
  assignments: Assignment[];
  redirects: Redirect[];
  /** Where the command sits, outermost first. Empty at top level. */
  context: Context[];
  /** Set when the command is a stage of a pipeline. `id` is shared by the stages of one pipeline. */
  pipeline?: { id: number; stage: number; stages: number };
  /** The wrappers peeled off to reach this command, outermost first (`sudo`, `env`, `xargs`, …). */
  wrappers: string[];
  /** The working folder the command runs in, tracked through `cd`; null when unknown. */
  cwd: string | null;
  /**
   * Other folders the command may run in: an earlier `cd` joined by `;` or a newline (without
   * `set -e`) may have failed and left the shell where it was. `cwd` assumes every `cd` worked.
   */
  cwdAlternatives?: (string | null)[];
  /** True when the command's stdin is unknown data (fed by `xargs`, `find -exec`, …) rather than a terminal. */
  fedByUnknownInput?: boolean;
  /** The source text of the command, for evidence. */
  text: string;
  /**
   * The command this one runs inside of: the carrier of a nested script (`bash -c`, `eval`, `ssh`,
   * `python -c`), the program that spawns it (`find -exec`, `docker exec`), or the command in
   * whose words, assignments or redirects its command/process substitution sits. Absent at top level.
   */
  parentId?: number;
  /**
   * What the catalogue reads in the command (src/catalogue/): its subcommand, options, operands by role
   * and verbs with their effects. Set once by the shell analyser for every command whose program the
   * catalogue knows (a script it knows run by an interpreter, `python manage.py flush`, is read by the
   * script's spec); absent otherwise. Rules ask this instead of reading the words again.
   */
  invocation?: CommandInvocation;
}

/** What a word is to the program (the catalogue's roles, src/catalogue/spec.ts). */
export type Role =
  /** The rest of the words are a program and its arguments, which the program runs. */
  | { kind: 'command' }
  /** A shell script in one word (run with `sh -c`). */
  | { kind: 'script' }
  /** A file the program runs as a shell script. */
  | { kind: 'script-file' }
  /**
   * Inline code in a language (`python`, `node`, `perl`, `ruby`, `php`, or one seatbelt cannot read:
   * `lua`, `emacs-lisp`, `vim`, `gdb`, …, which blocks). `inert`: a regular expression for values that
   * run nothing (`^[0-9]+$` for `vim +42`).
   */
  | { kind: 'code'; language: string; inert?: string }
  /** A file the program reads code from (an unknown program, unless judged by other means). */
  | { kind: 'code-file'; language: string }
  /** A path, and what the program does to it. */
  | { kind: 'path'; access: PathAccess }
  /** A block device or a disk. */
  | { kind: 'device' }
  /** SQL text, or a file of SQL. */
  | { kind: 'sql'; dialect: Dialect }
  | { kind: 'sql-file'; dialect: Dialect }
  /** A URL the program contacts; with `method` when the spec knows it. */
  | { kind: 'url' }
  /** An HTTP method (`-X DELETE`). */
  | { kind: 'method' }
  /** Plain data (a name, a number, a message). */
  | { kind: 'data' }
  /**
   * Text holding the program's own commands, each judged as the program run with it (`redis-cli`
   * reads one a line; a Lua script for Redis runs them with `redis.call`), or a file of them.
   */
  | { kind: 'commands'; format: CommandsFormat }
  | { kind: 'commands-file'; format: CommandsFormat };

/** How a program's own commands are written: one a line, words split like a shell's (`lines`), or calls in a Redis Lua script. */
export type CommandsFormat = 'lines' | 'redis-lua';

export type PathAccess = 'read' | 'write' | 'delete' | 'destination';

/** What running a (sub)command does, in the terms the rules and policies use. */
export type Effect =
  | 'read' // reads only
  | 'write' // changes state through a service or tool that can be put back (a merge, a deploy that can be rolled back): catalogue.write
  | 'change' // changes files, processes, this machine or a resource whose risk a dedicated rule judges (rm, kill, make, kubectl delete): read_only refuses it; no catalogue rule fires
  | 'destroy' // deletes data, history or infrastructure
  | 'credential' // prints or sends a secret
  | 'privilege' // grants access, changes privileges or exposure (public ACLs, admin roles, 0.0.0.0/0)
  | 'publish'; // sends something irreversible to the outside (a package, a message, a payment)

export interface Verb {
  effect: Effect;
  /** One line: what happens, for the evidence (`deletes the repository and its issues`). */
  why: string;
}

/** An operand or option value with its role. */
export interface RoleWord {
  role: Role;
  word: Word;
  /** `--opt` when it came from an option's value. */
  option?: string;
}

/** The catalogue's reading of one command (src/catalogue/read.ts fills it in). */
export interface CommandInvocation {
  /** The spec that read it: the names its program is run by (the first is shown) and its family. */
  spec: { readonly names: readonly string[]; readonly family: string };
  /** The subcommands chosen, outermost first (`['s3api', 'delete-objects']`). */
  path: string[];
  /** Every option given, by its first declared spelling (or as written when undeclared). */
  options: { name: string; value?: Word }[];
  /** Operands and option values with a role. */
  roles: RoleWord[];
  /** Words the program runs as a command (each an argv). */
  commands: Word[][];
  /** Operands without a declared role. */
  operands: Word[];
  /** The verbs that apply: the deepest subcommand's, and those of the options given. */
  verbs: Verb[];
  /** An option that changes nothing was given (`--dry-run`, `--help`). */
  harmless: boolean;
  /** Why the invocation cannot be read statically, if it cannot. */
  undecidable?: string;
}

/** SQL found inside a shell command (`psql -c`, `mysql -e`, a heredoc fed to `sqlite3`, …). */
export interface EmbeddedSql {
  commandId: number;
  /** The dialect the client implies; null when the client is unknown (then the analysis blocks). */
  dialect: import('./types.js').Dialect | null;
  /** The SQL text; null when it is dynamic and cannot be decided. */
  sql: string | null;
}

/** A reason the analysis could not decide statically: always blocks (fail closed). */
export interface Undecidable {
  ruleId: string;
  reason: string;
  evidence: string;
}

export interface ShellIr {
  commands: SimpleCommand[];
  /** Names of functions defined in the script. */
  functions: string[];
  embeddedSql: EmbeddedSql[];
  undecidable: Undecidable[];
  /** The home folder the analysis assumed (AnalyzeContext.home), for path judgements by rules. Optional. */
  home?: string;
  /** The working folder the analysis started in (AnalyzeContext.cwd), for rules that protect it. Optional. */
  cwd?: string;
  /** The project root (AnalyzeContext.projectRoot): deletes outside it are judged. Optional; rules fall back to `cwd`. */
  projectRoot?: string;
  /** What the guard protects about itself (AnalyzeContext.guard), for the self-protection rules. Optional. */
  guard?: import('./guarded.js').GuardContext;
  /**
   * Files commands run or read as programs (scripts, interpreter code, SQL), whose contents were
   * judged as they were at decision time: a rule refuses a line where an earlier command writes one.
   */
  programFiles?: ProgramFile[];
}

/** A file a command runs or reads as a program (`bash x.sh`, `./x.sh`, `python3 x.py`, `psql -f x.sql`). */
export interface ProgramFile {
  commandId: number;
  /** The path as written. */
  word: Word;
  /** Absolute and normalised; null when the folder it is relative to is not known. */
  path: string | null;
}

export type SqlKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'merge'
  | 'truncate'
  | 'drop'
  | 'alter'
  | 'create'
  | 'grant'
  | 'revoke'
  | 'role' // CREATE/ALTER/DROP USER or ROLE
  | 'copy'
  | 'call' // CALL / EXEC / DO
  | 'pragma' // PRAGMA / ATTACH / DETACH
  | 'set'
  | 'transaction'
  | 'explain'
  | 'show'
  | 'other';

export interface SqlStatement {
  kind: SqlKind;
  /** The objects the statement acts on, lower-cased, schema-qualified where written. */
  targets: string[];
  /** For drop/create/alter/truncate: what kind of object (`table`, `view`, `schema`, `database`, `index`, …). */
  objectType?: string;
  hasWhere: boolean;
  /** The WHERE folds to a constant true (`1=1`, `true`, `x OR 1=1`, …). */
  whereTautology: boolean;
  hasLimit: boolean;
  /** Statements this one runs: data-modifying CTEs, `EXPLAIN ANALYZE`, static `DO`/function bodies. */
  nested: SqlStatement[];
  /** Dynamic SQL (`EXECUTE` of a string) that cannot be decided. */
  dynamic: boolean;
  /** What else the analyser learnt about the statement, for the rules (see sql-facts.ts). */
  facts: SqlFacts;
  /** A short text of the statement for evidence. */
  text: string;
}

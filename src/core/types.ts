// The shared value types of seatbelt's pure core: what an action is, what analysis finds,
// and what a decision says. Nothing here does I/O.

export type Risk = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** Higher is stricter. */
export const RISK_RANK: Record<Risk, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

export type Dialect = 'postgresql' | 'mysql' | 'mariadb' | 'sqlite' | 'transactsql' | 'bigquery';
export const DIALECTS: readonly Dialect[] = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'transactsql', 'bigquery'];

/** One thing an agent wants to do. */
export type Action =
  { kind: 'argv'; argv: string[] } | { kind: 'shell'; script: string } | { kind: 'sql'; sql: string; dialect: Dialect } | ToolCallAction;

/**
 * A tool call with no command inside (the gateway, src/gateway/): judged by what the operator's
 * tool registry says of it: a fixed risk tier, not in the registry at all, or arguments that could
 * not be read (a tool whose command or SQL was read is judged as that shell/argv/SQL action instead).
 */
export interface ToolCallAction {
  kind: 'tool';
  name: string;
  /** The arguments as JCS text (or the raw text when they were not JSON). */
  arguments: string;
  registry: { risk: Risk } | { unknown: true } | { malformed: string };
}

/** The action as one line of text, for display and evidence (not redacted). */
export function actionText(a: Action): string {
  switch (a.kind) {
    case 'argv':
      return a.argv.join(' ');
    case 'shell':
      return a.script;
    case 'sql':
      return a.sql;
    case 'tool':
      return `${a.name} ${a.arguments}`;
  }
}

export type ActionKind = Action['kind'];

/**
 * Facts about the world the analysis may use, passed in (never read from the environment by the
 * core): the working folder and the home folder, for path normalisation.
 */
export interface AnalyzeContext {
  cwd: string;
  home: string;
  /**
   * The project the work belongs to: the repository's top level, else the working folder. Deletes
   * outside it are judged (filesystem.recursive_delete_outside_project); absent → `cwd`.
   */
  projectRoot?: string;
  /** What the guard protects about itself (see guarded.ts); rules fall back to defaults under `home`. */
  guard?: import('./guarded.js').GuardContext;
  /**
   * Reads a file the command runs or reads as a program (a script, interpreter code, SQL), at
   * decision time: the one file I/O the analysis calls through, injected by the session
   * (adapters/file-reader.ts). Absent (pure tests), no file can be read and running one blocks.
   */
  readFile?: (path: string) => FileRead;
  /**
   * Where the command will run. `image_build`: a step of a container image build (a Dockerfile
   * `RUN`), whose files, users and processes are the image's: rules that protect the machine's own
   * (src/rules/shell/image-build.ts) do not apply, those about effects beyond it do. Absent: `host`.
   */
  runsIn?: 'host' | 'image_build';
}

/**
 * A file read for the analysis (an absolute path): its text, or why not. `missing`: no such file
 * (the command would fail to open it); `binary`: not UTF-8 text (an executable, an archive);
 * `too_large`, `not_regular` (a folder, a device, a pipe), `unreadable`: it exists but cannot be judged.
 */
export type FileRead =
  | { text: string }
  | { refused: 'missing' | 'binary' | 'too_large' | 'not_regular' | 'unreadable'; reason: string }
  /** The operator vouched for exactly these bytes (`seatbelt trust FILE`): run without being judged. */
  | { trusted: string };

/**
 * What kind of finding a match is, which decides how policies treat it: `rule` (a rule pack's
 * judgement, blocked at the policy's risk), `fail_closed` (the analysis could not decide: blocks
 * under every policy but audit_mode), `guard` (about the guard itself: blocks under every policy),
 * `policy` (the policy step's own: a role miss, a write under read_only), `notice` (recorded, never blocks).
 */
export type MatchClass = 'rule' | 'fail_closed' | 'guard' | 'policy' | 'notice';

/** One rule that matched, with the evidence of where. */
export interface RuleMatch {
  ruleId: string;
  class: MatchClass;
  risk: Risk;
  reason: string;
  remediation: string;
  /** The command or statement that matched, for display (secrets already redacted). */
  evidence: string;
}

/** What the analysis of one action found, before any policy is applied. */
export interface Analysis {
  action: Action;
  /** Rule hits, fail-closed findings included (their ids start with `parse.` or `limits.`). */
  matches: RuleMatch[];
  /** The shell IR (simple commands), when the action is shell or argv. */
  shell?: import('./ir.js').ShellIr;
  /** The SQL statements, when the action is SQL or the shell embeds SQL. */
  sql?: import('./ir.js').SqlStatement[];
  /** True when anything in the action may write (files, git, SQL other than reads). */
  writes: boolean;
}

export type Verdict = 'allow' | 'block';

export interface PolicyRef {
  name: string;
  version: string;
}

export interface RoleRef {
  name: string;
  /** SHA-256 (hex) of the role file's bytes. */
  sha256: string;
}

/** The decision: the verdict with its evidence. */
export interface Decision {
  decision: Verdict;
  /** Every rule that matched (also those the policy let through, e.g. in audit_mode). */
  matches: RuleMatch[];
  /** The matches that caused the block, strictest first. Empty when allowed. */
  blocking: RuleMatch[];
  /** One line: why. */
  reason: string;
  /** One line: what to do instead (empty when allowed). */
  remediation: string;
  /** audit_mode only: what safe_defaults (with the role) would have blocked, strictest first. */
  wouldBlock?: RuleMatch[];
  policy: PolicyRef;
  role?: RoleRef;
  /** Digest-free summary of the analysed action, for explain output. */
  analysis: Analysis;
}

/** The pluggable engine: turns an action into an analysis. */
export interface Analyzer {
  analyze(action: Action, ctx: AnalyzeContext): Promise<Analysis>;
}

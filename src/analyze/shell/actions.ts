// What a command does beyond itself: scripts it runs, commands it spawns, code or SQL it carries.
// Program modules (shells, remote, carriers, git, interpreters, SQL clients) return these; the IR
// builder carries them out (parse the script, add the spawned command, record the SQL).
import type { Assignment, CommandsFormat, Undecidable, Word } from '../../core/ir.js';
import type { Dialect } from '../../core/types.js';

/** Languages whose inline code is read (src/analyze/shell/code/): `node` also stands for deno and bun. */
export type Language =
  'python' | 'node' | 'perl' | 'ruby' | 'php' | 'r' | 'julia' | 'lua' | 'powershell' | 'applescript' | 'jxa' | 'groovy' | 'java' | 'tcl';

/** Where a spawned command or nested script runs: the carrier's folder, or unknown. */
export type Where = 'keep' | 'unknown';

export type Action =
  /** A shell script in a word (`bash -c`, `eval`, `ssh host '…'`). */
  | { kind: 'script'; text: Word; detail: string; shareState?: boolean; where?: Where; fed?: boolean; placeholders?: string[] }
  /**
   * A command given as words (`find -exec`, `docker exec`, `git bisect run`); `stdin: 'inherit'`: it
   * reads the standard input of the command that starts it (`npx prisma db execute --stdin <<< …`).
   */
  | {
      kind: 'spawn';
      words: Word[];
      label: string;
      where?: Where;
      fed?: boolean;
      placeholders?: string[];
      assignments?: Assignment[];
      stdin?: 'inherit';
    }
  /** The command runs its standard input as a shell script (`bash` with no script, `source /dev/stdin`). */
  | { kind: 'stdin-script'; detail: string; where?: Where }
  /** Interpreter code in a word (`python -c`, `node -e`). */
  | { kind: 'code'; language: Language; code: Word; detail: string }
  /** The interpreter reads its code from standard input. */
  | { kind: 'stdin-code'; language: Language; detail: string }
  /** The program runs code in a language seatbelt does not read from its standard input (`ed`, `ex`): refused unless inert. */
  | { kind: 'stdin-unread'; language: string; inert?: string; detail: string }
  /** SQL given to a database client; sql null when its text cannot be known. */
  | { kind: 'sql'; dialect: Dialect; sql: Word | null }
  /** The database client reads SQL from standard input. */
  | { kind: 'stdin-sql'; dialect: Dialect }
  /**
   * Text of the program's own commands (`redis-cli EVAL '…'`): each judged as `program prefix… words…`
   * (own-commands.ts); `stdin-commands`: read from standard input (`redis-cli <<< flushall`).
   */
  | { kind: 'commands'; program: string; prefix: Word[]; format: CommandsFormat; text: Word; detail: string }
  | { kind: 'stdin-commands'; program: string; prefix: Word[]; format: CommandsFormat; detail: string }
  /**
   * A file the command runs or reads as a program: read when the command is judged
   * (AnalyzeContext.readFile) and judged as `as` says (file-runs.ts).
   */
  | { kind: 'file'; path: Word; as: FileUse; detail: string; shareState?: boolean }
  | { kind: 'undecidable'; found: Undecidable };

/**
 * How a file is used: a shell script, interpreter code, SQL, or a program run by its path (a text
 * file's `#!` line says which interpreter reads it; an executable format is a program like any other).
 */
export type FileUse =
  | { kind: 'script' }
  | { kind: 'code'; language: Language }
  | { kind: 'sql'; dialect: Dialect; client?: string }
  | { kind: 'program' }
  | { kind: 'commands'; format: CommandsFormat; program: string; prefix: Word[] };

/** Joins words the way `eval` and `ssh` do: with single spaces, dynamic if any part is. */
export function joinWords(words: readonly Word[]): Word {
  return {
    value: words.map((w) => w.value).join(' '),
    static: words.every((w) => w.static),
    raw: words.map((w) => w.raw).join(' '),
  };
}

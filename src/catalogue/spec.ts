// The catalogue's vocabulary: what seatbelt knows about a program, as data. A spec says how the
// program reads its arguments (options, clusters, values, prefixes, subcommands), what each operand
// or option value *is* (a command to run, a script, code, a path and how it is used, SQL, a URL),
// which environment variables make it run other programs, and what each verb does (read, write,
// destroy, disclose a credential, change privileges, publish). One reader (read.ts) serves every
// spec; the analysis and the rules ask the resulting invocation, never the spec's raw words.
import type { Role, Verb } from '../core/ir.js';

// The vocabulary of roles and effects is the IR's (core/ir.ts): each command carries its invocation.
export type { Effect, PathAccess, Role, Verb } from '../core/ir.js';

export interface OptionDecl {
  /** Every spelling: `-x`, `--long`, and single-dash long names (`-exec`, `-cmd`). Short letters cluster. `+`: words starting with `+` (`vim +42`, `less +G`), the rest of the word its value. */
  names: string[];
  /**
   * `none`: a flag; `required`: the next word, or attached (`-ofile`, `--out=file`); `optional`: only attached or after `=`;
   * `next`: attached, or the next word unless it starts with `-` (minimist: `dotenv -o x -- cmd` gives -o the value x).
   */
  value?: 'none' | 'required' | 'optional' | 'next';
  /** The value is `NAME=value`, an environment variable for the command it runs (`dotenv -v NAME=value`). */
  assigns?: boolean;
  /** The value is this environment variable's for the command it runs (`npx --node-options=…` sets NODE_OPTIONS). */
  sets?: string;
  /** What the value is. */
  role?: Role;
  /** The option's value is every word after it (`xterm -e cmd args…`, `nix-shell --run-cmd`). */
  rest?: boolean;
  /** When given, the invocation has this verb too (`--delete`, `--force`, `-X DELETE` is done by `method`). */
  verb?: Verb;
  /**
   * When given, nothing is changed whatever the verb (`--dry-run`, `--help`, `--version`, `--check`).
   * `{ unless }`: not when its value matches that regular expression, case-insensitive (`--dry-run=none`,
   * `--dry-run=false`), nor when the value is only known at run time.
   */
  harmless?: boolean | { unless: string };
  /** The value takes this many words (`bwrap --bind SRC DEST`: 2); its role, if any, is the first word's. */
  words?: number;
  /** When given, the operands have these roles instead (`entr -s`: the first operand is a shell string). */
  operands?: OperandDecl[];
  /** When given, no command runs, whatever the operands say (`sudo -l`, `xargs --show-limits`, `command -v`). */
  self?: boolean;
  /** The value is split into words the program reads as its own arguments again, in its place (`env -S 'rm -rf x'`). */
  split?: boolean;
  /** The command runs in the folder the value names (`env -C dir`, `sudo -D dir`), or, `unknown`, in one not known (`sudo -i`). */
  cwd?: 'value' | 'unknown';
  /** The value stands for input in the command it runs (`xargs -I{}`): a word holding it is only known at run time. */
  placeholder?: boolean;
}

/**
 * An operand's role by position. `rest`: the last one takes every word left; `'joined'`: those words
 * joined with spaces are one value (`watchexec -- cargo test` runs the shell string `cargo test`).
 */
export type OperandDecl = Role & {
  rest?: boolean | 'joined';
  /**
   * The program takes quotes out of these words before it runs them, as cross-env does: a `'` goes, `\'`
   * and `\\` keep one character, a `\` before `$` or `"` goes (`cross-env "r'm" -rf x` runs `rm`).
   */
  unquote?: 'cross-env';
  /**
   * A command operand whose words are the arguments of this program, these words first (`nvm run 18 -e code`
   * runs `node -e code`: `['node']`; `python -m cProfile -m mod` runs `python3 -m mod`: `['python3', '-m']`).
   */
  program?: string[];
  /**
   * A command operand that is this one word, the program's name; with `dashDash: 'arguments'` the words
   * after `--` are its arguments (`proto run node 20 -- -e code` runs `node -e code`).
   */
  single?: true;
};

/**
 * A verb that applies when every condition holds: each option in `options` is given (with `value`, a
 * regular expression, case-insensitive, that one of its values matches) and, with `operand`, some
 * operand matches that expression; and `unless` does not hold (none of its options is given, no operand
 * matches its `operand`): `crontab` changes the table unless `-l` lists it. A value only known at run
 * time is matched as written (`$ACL`).
 */
export interface VerbWhen {
  options?: { name: string; value?: string }[];
  operand?: string;
  unless?: { options?: { name: string; value?: string }[]; operand?: string };
  verb: Verb;
}

/** A program, or one of its subcommands: the same shape at every level. */
export interface CommandSpec {
  summary?: string;
  options?: OptionDecl[];
  /** Long options may be abbreviated to a unique prefix (GNU getopt_long, Python argparse). */
  prefixes?: boolean;
  /** How an option the spec does not declare is read: as a flag (`flag`, the default), or the invocation cannot be decided (`block`). */
  unknown?: 'flag' | 'block';
  /** Options stop at the first operand (POSIX, launchers); by default they may come anywhere (GNU). */
  optionsFirst?: boolean;
  /** `false`: single-dash words never cluster (`ghc -threaded`, `xterm -hold`, `erl -noshell` are one option each). */
  clusters?: boolean;
  /** Roles of the operands by position; the last may take the rest. */
  operands?: OperandDecl[];
  /** What the words after `--` are: a command and its arguments, or more arguments of the command an option named (`start-stop-daemon --exec prog -- args`). */
  dashDash?: 'command' | 'arguments';
  /** A word that ends a command operand, after which options and operands start again (`mpirun -n 2 a : -n 2 b`). */
  separator?: string;
  /** `NAME=value` operands whose value has a role (`make SHELL='…'`); they are not counted as operands. */
  variables?: Record<string, Role>;
  /** Subcommands by name (`'delete-*'`: any name with that prefix, the longest first; `'*'`: any other name); chosen by the first operand. */
  subcommands?: Record<string, CommandSpec>;
  /** This level's subcommand names are matched whatever their case (`redis-cli FlushAll`); they are declared in lower case. */
  caseInsensitive?: boolean;
  /** What this level does when run (a subcommand's verb wins over its parent's). */
  verb?: Verb;
  /** Verbs that depend on what is given: options together, an option's value, an operand (`scale --all --replicas=0`, `--acl public-read`). */
  when?: VerbWhen[];
  /**
   * What the program does with its standard input: runs it as a script, as code, sends it as SQL (`at`,
   * `duckdb`), or reads it as its own commands (`redis-cli`, `nsupdate`: `commands`), when no
   * subcommand or operand was given.
   */
  stdin?: Extract<Role, { kind: 'script' } | { kind: 'code' } | { kind: 'sql' } | { kind: 'commands' }>;
  /** The first word is a cluster of short options even without a dash (tar's old style: `tar xzf a.tgz` is `tar -xzf a.tgz`). */
  firstWordOptions?: boolean;
  /**
   * Leading `NAME=value` operands, before the command operand, are environment assignments for it
   * (`env X=1 cmd`, `sudo X=1 cmd`); `any`: whatever comes before the `=` (`env 'BASH_FUNC_ls%%=…' bash`);
   * `cross-env`: cross-env's unanchored pattern, a word holding `NAME=` anywhere sets NAME (`'ls x=y'` sets
   * x), its value without one pair of quotes, `$NAME` in it read from the environment when it runs; the
   * level reads no options then (`cross-env --X=1 cmd` sets X).
   */
  assignments?: 'names' | 'any' | 'cross-env';
  /**
   * The command it runs is fed input only known at run time, as more arguments (`xargs`); `placeholders`
   * are the words that stand for that input without an option saying so (`{}`).
   */
  fed?: { placeholders?: string[] };
  /** The command runs in a folder not known statically (`chroot NEWROOT cmd`). */
  cwd?: 'unknown';
}

export interface ProgramSpec extends CommandSpec {
  /** The names it is run by (`kubectl`, `oc`); the first is the one shown. */
  names: string[];
  /** The family file it belongs to (`launchers`, `cloud`, `secrets`, …). */
  family: string;
  summary: string;
  /**
   * A script projects ship under this name (`./gradlew`, `./manage.py`, `bin/rails`): run by its path it
   * is judged by this spec instead of being read. Any other program run by a path is read (a `./git`
   * the agent wrote is not git).
   */
  projectScript?: boolean;
  /** Environment variables that make the program run a command or code (`GIT_SSH_COMMAND`: a script). */
  env?: Record<string, Role>;
  /**
   * A wrapper: the command it runs takes its place in the IR (same redirections, standard input and
   * pipeline), with the wrapper listed in the command's `wrappers` (`sudo`, `env`, `nice`, `xargs`).
   * Other programs whose command role runs a command (launchers, project runners) stay commands of
   * their own, and what they run is a command of the IR beside them.
   */
  wrapper?: boolean;
  /** Scripts that must be refused and look-alikes that must be allowed, run by the tests. */
  examples: { block: string[]; allow: string[] };
}

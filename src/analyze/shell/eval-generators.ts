// `eval "$(tool init)"`: tools that print their own shell setup (environment variables, PATH,
// a few functions) for the shell to evaluate. The output of these exact invocations is that tool's
// fixed setup code, not arbitrary text, so eval of it is not an unknown script. Only the argv
// forms listed here count; anything else in `eval "$(…)"` stays a script known only at run time.
// (Whether the script has redefined the tool — a function, PATH, an alias — is judged by the
// rules: src/rules/shell/generated-setup.ts.)
import type { Word } from '../../core/ir.js';

const SHELLS = ['bash', 'zsh'];
const each = (head: string[], tails: string[][]) => tails.map((t) => [...head, ...t]);

/** Generator argv forms, command name first (a basename). */
const GENERATORS: string[][] = [
  ['ssh-agent'],
  ['ssh-agent', '-s'],
  ['pyenv', 'init', '-'],
  ['pyenv', 'init', '--path'],
  ...each(
    ['pyenv', 'init', '-'],
    SHELLS.map((s) => [s]),
  ),
  ['pyenv', 'virtualenv-init', '-'],
  ['rbenv', 'init', '-'],
  ...each(
    ['rbenv', 'init', '-'],
    SHELLS.map((s) => [s]),
  ),
  ['nodenv', 'init', '-'],
  ['goenv', 'init', '-'],
  ['jenv', 'init', '-'],
  ...each(
    ['direnv', 'hook'],
    SHELLS.map((s) => [s]),
  ),
  ...each(
    ['zoxide', 'init'],
    SHELLS.map((s) => [s]),
  ),
  ...each(
    ['starship', 'init'],
    SHELLS.map((s) => [s]),
  ),
  ...each(
    ['mise', 'activate'],
    SHELLS.map((s) => [s]),
  ),
  ['fnm', 'env'],
  ['fnm', 'env', '--use-on-cd'],
  ['brew', 'shellenv'],
  ['opam', 'env'],
  ['conda', 'shell.bash', 'hook'],
  ['dircolors'],
  ['dircolors', '-b'],
];

/** Where Homebrew installs itself: `eval "$(/opt/homebrew/bin/brew shellenv)"` is its own instruction. */
const BREW_PATHS = new Set(['/opt/homebrew/bin/brew', '/usr/local/bin/brew', '/home/linuxbrew/.linuxbrew/bin/brew']);

/**
 * The generator argv when `eval`'s arguments are exactly one substitution of a listed form:
 * `"$(pyenv init -)"`, `$(ssh-agent -s)` or backquotes; undefined otherwise.
 */
export function evalGenerator(args: readonly Word[]): string[] | undefined {
  if (args.length !== 1) return undefined;
  const raw = args[0]!.raw;
  const m = /^("?)(?:\$\(([^()`$'"\\;&|<>]*)\)|`([^()`$'"\\;&|<>]*)`)\1$/.exec(raw);
  if (!m) return undefined;
  const argv = (m[2] ?? m[3]!).trim().split(/[ \t]+/);
  const name = BREW_PATHS.has(argv[0]!) ? 'brew' : argv[0]!;
  if (name.includes('/')) return undefined;
  const form = [name, ...argv.slice(1)];
  return GENERATORS.some((g) => g.length === form.length && g.every((x, i) => x === form[i])) ? form : undefined;
}

// Does a command change anything — files, a repository, packages, services, processes, cluster
// or cloud state? The read_only policy blocks what does. The answer is mostly the catalogue's: the
// effects of the invocation the IR carries (git's subcommands, package managers, clouds, …); an
// invocation that cannot be read writes. What stays here is not a program the catalogue describes
// (shell builtins, find's expression language) or code no analyser reads yet (mongosh, awk).
// Unknown programs with a known read-only reading (`ls`, `cat`) do not write; programs that run unknown code do.
import type { SimpleCommand } from '../../core/ir.js';
import { outputRedirects } from './links.js';
import { nameOf, programSource } from './programs.js';
import { hiddenCommandsOf } from './hidden-commands.js';
import { effectsOf } from './catalogue.js';
import { codeWrites } from './code-writes.js';

const HARMLESS_OUTPUT = /^\/dev\/(null|stdout|stderr|tty|fd\/[0-9]+)$/;

/**
 * Shell builtins that run what they are given (`eval`, `source`, `.`, `exec` with nothing to peel):
 * they are the shell's, not programs the catalogue describes.
 */
const RUNS_GIVEN_CODE = new Set(['exec', 'eval', 'source', '.']);

/**
 * Programs whose writes are in code they are given, which the catalogue names (a `code` role) but
 * no analyser of that language judges yet: mongosh's JavaScript (`--eval`) and awk's programs.
 */
function givenCodeWrites(cmd: SimpleCommand, n: string): boolean {
  // mongosh: a write method in --eval's JavaScript; without --eval it is an interactive session.
  if (n === 'mongo' || n === 'mongosh') {
    const evals =
      cmd.args
        .filter((_, i) => cmd.args[i - 1]?.value === '--eval')
        .map((w) => w.value)
        .join(' ') +
      cmd.args
        .filter((w) => w.value.startsWith('--eval='))
        .map((w) => w.value)
        .join(' ');
    if (cmd.args.some((w) => /^--(version|help)$/.test(w.value))) return false;
    return (
      evals === '' ||
      /\.(insert|update|delete|drop|remove|create|rename|replace|bulkWrite|findOneAnd|save)\w*\s*\(|dropDatabase|createCollection|createIndex/.test(
        evals,
      )
    );
  }
  // awk: -i inplace, system(), or print to a file in the program.
  if (n === 'awk' || n === 'gawk')
    return cmd.args.some((w) => /inplace/.test(w.value)) || cmd.args.some((w) => /system\s*\(|>\s*"|print\s*>/.test(w.value));
  return false;
}

/** True when the command may change files, repositories, packages, services or remote state. */
export function commandWrites(cmd: SimpleCommand): boolean {
  if (!cmd.name.static) return true;
  // What a launcher (`strace rm x`, `npx rimraf dist`) runs writes if it writes.
  if (hiddenCommandsOf(cmd).some((c) => c.name.value !== nameOf(cmd) && commandWrites(c))) return true;
  if (outputRedirects(cmd).some((r) => !HARMLESS_OUTPUT.test(r.target.value))) return true;
  const n = nameOf(cmd);
  // The shell's own builtins, not programs: what they run is the shell's (see RUNS_GIVEN_CODE).
  if (RUNS_GIVEN_CODE.has(n)) return !cmd.args.some((w) => w.value === '--version' || w.value === '--help');
  // find's actions are terms of its expression language (`-delete`, `-fprint F`), not options the catalogue's grammar reads; -exec's command is listed apart.
  if (n === 'find') return cmd.args.some((w) => /^-(delete|fprint0?|fprintf|fls)$/.test(w.value));
  if (invocationWrites(cmd)) return true;
  const src = programSource(cmd);
  if (src && !['source', '.', 'eval'].includes(n)) {
    if (cmd.args.length === 1 && /^(--?version|-V|--help|-h)$/.test(cmd.args[0]!.value)) return false;
    // A script file or stdin runs unknown code; inline code is judged by what it calls.
    if (src.file || src.fromStdin) return true;
    return src.inline.some((w) => !w.static || codeWrites(cmd, w.value));
  }
  return givenCodeWrites(cmd, n);
}

/**
 * What the catalogue reads in the command changes something: a verb with an effect other than `read`,
 * or a path it writes, deletes or makes (`tee out`, `sort -o out`, `wget -O page`); none when a harmless
 * option is given (`--help`).
 */
function invocationWrites(cmd: SimpleCommand): boolean {
  const inv = cmd.invocation;
  if (!inv) return false;
  // What cannot be read (a subcommand only known at run time: `git $CMD --hard`) may change anything.
  if (inv.undecidable) return true;
  if (inv.harmless) return false;
  if (effectsOf(inv).some((e) => e !== 'read')) return true;
  return inv.roles.some(
    (r) => r.role.kind === 'path' && r.role.access !== 'read' && r.word.value !== '-' && !HARMLESS_OUTPUT.test(r.word.value),
  );
}

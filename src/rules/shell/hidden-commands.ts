// Commands the IR does not list but that run all the same: the deletes, moves and writes
// interpreter code makes itself (interpreter-files.ts), and the words brace expansion makes. Every
// rule judges them like the IR's own, with the outer command's text as evidence. What launchers,
// wrappers and project runners run is not derived here: the IR lists it as commands of its own
// (their catalogue specs, src/catalogue/specs/), with `wrappers` saying what was peeled.
import type { SimpleCommand } from '../../core/ir.js';
import { memoByCommand } from './memo.js';
import { interpreterFileOps } from './interpreter-files.js';
import { catalogueFileOps } from './catalogue-files.js';
import { expandBraces } from './paths.js';
import { withInvocation } from '../../analyze/shell/invocation.js';

/**
 * Commands a command runs that the IR does not list: the words brace expansion makes, and the
 * deletes and writes its interpreter code makes itself. They keep the outer command's text
 * (evidence), context and pipeline position.
 */
export function hiddenCommandsOf(cmd: SimpleCommand): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  // `mv /etc/passwd{,.bak}` is `mv /etc/passwd /etc/passwd.bak`: judge the words the shell makes.
  const braced = withBracesExpanded(cmd);
  if (braced) out.push(braced);
  out.push(...interpreterFileOps(cmd));
  // `python -m venv --clear DIR`, `python -m json.tool in.json OUT`: what the spec says it deletes or writes.
  out.push(...catalogueFileOps(cmd));
  return out;
}

/** hiddenCommandsOf, computed once per command per evaluation (derived commands keep their identity). */
export const hiddenCommands = memoByCommand((cmd: SimpleCommand) => hiddenCommandsOf(cmd));

function withBracesExpanded(cmd: SimpleCommand): SimpleCommand | undefined {
  if (!cmd.args.some((w) => w.glob && /\{[^{}]*,[^{}]*\}/.test(w.value))) return undefined;
  const args = cmd.args.flatMap((w) => {
    if (!w.glob || !/\{[^{}]*,[^{}]*\}/.test(w.value)) return [w];
    return expandBraces(w).map((value) => ({
      value,
      static: !/[*?[$`]/.test(value),
      raw: w.raw,
      ...(/[*?[]/.test(value) ? { glob: true } : {}),
    }));
  });
  return withInvocation({ ...cmd, args });
}

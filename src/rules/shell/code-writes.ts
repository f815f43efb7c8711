// Does inline code change anything? For interpreter code, the capability scan answers: code that
// runs programs, changes files or signals (even with literal targets), or uses anything the scan
// cannot account for, writes; code that only computes and reads does not. Shell text given to a
// shell (`bash -c '…'`) is analysed as commands of its own; this quick look is all it gets here.
import type { SimpleCommand } from '../../core/ir.js';
import { interpreterActions } from '../../analyze/shell/interpreters.js';
import { shellCallsIn } from '../../analyze/shell/interpreter-code.js';
import { fileCallsIn } from '../../analyze/shell/code/file-calls.js';
import { nameOf } from './programs.js';

const SHELL_TEXT_WRITES =
  /\bopen\s*\([^)]*['"][wax+]|\.write|os\.(remove|unlink|rename|system|mkdir|makedirs|rmdir)|shutil|subprocess|\bsystem\s*\(|exec(Sync|File)?\s*\(|spawn|writeFile|appendFile|unlink|rmSync|rmdir|mkdir|File\.(write|delete)|FileUtils|rename\s*\(|`/;

export function codeWrites(cmd: SimpleCommand, code: string): boolean {
  const action = interpreterActions(nameOf(cmd), cmd.args).find((a) => a.kind === 'code');
  if (action?.kind !== 'code') return SHELL_TEXT_WRITES.test(code);
  const calls = shellCallsIn(action.language, code);
  return calls.scripts.length > 0 || calls.argvs.length > 0 || calls.problems.length > 0 || fileCallsIn(action.language, code).length > 0;
}

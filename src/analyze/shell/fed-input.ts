// `xargs CMD` (without -I) appends the words it reads to CMD's own and runs the result. When CMD
// is itself a wrapper, launcher, shell or interpreter, those words may be what it runs: `echo rm
// -rf /etc | xargs sudo` runs `sudo rm -rf /etc`, `xargs sh -c` runs its input as a script,
// `xargs python3 -c` as code. Which it is follows from how CMD reads its words, so the command is
// read again with a stand-in for the input at the end; where the stand-in lands in a place that
// runs (the command name, a script, code, SQL, a file run, a subcommand) the command is only known
// when it runs.
import type { Assignment, Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { actionsFor } from './programs.js';
import { interpreterModule, programFileActions } from './file-runs.js';
import { peelWrappers } from './unwrap.js';

/** The stand-in's text; no word of a script holds it. */
const INPUT = '<the input xargs appends>';
const STAND_IN: Word = { value: '', static: false, raw: INPUT };

/** Spawned commands followed inside one another while looking for the stand-in. */
const MAX_DEPTH = 16;

const holds = (w: Word | null | undefined): boolean => !!w && w.raw.includes(INPUT);

/**
 * Why the command `name args…`, run with input appended to its words, runs something only that input
 * says; undefined when the input only adds arguments to what runs.
 */
export function appendedInputRuns(name: Word, args: readonly Word[], assignments: readonly Assignment[], text: string): string | undefined {
  const found = landing([name, ...args, STAND_IN], assignments, text, 0);
  return found && `${name.raw} ${found}, which xargs reads from its input when the command runs`;
}

function landing(words: Word[], assignments: readonly Assignment[], text: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return 'runs commands nested too deep to follow';
  const inv = peelWrappers(words, text);
  if (holds(inv.name)) return 'runs a command';
  if (!inv.name.static) return undefined;
  const name = inv.name.value;
  if (holds(interpreterModule(name, inv.args)?.module)) return 'runs a module';
  const all = [...assignments, ...inv.assignments];
  const actions: Action[] = [...actionsFor(name, inv.args, text, all), ...programFileActions(name, inv.args, inv.path, text)];
  for (const a of actions) {
    const why = actionLanding(a, text, depth);
    if (why) return why;
  }
  return undefined;
}

function actionLanding(a: Action, text: string, depth: number): string | undefined {
  switch (a.kind) {
    case 'script':
      return holds(a.text) ? `runs a script (${a.detail})` : undefined;
    case 'spawn':
      if (holds(a.words[0])) return `runs a command (${a.label})`;
      return a.words.some(holds) ? landing(a.words, a.assignments ?? [], text, depth + 1) : undefined;
    case 'code':
      return holds(a.code) ? `runs code (${a.detail})` : undefined;
    case 'sql':
      return holds(a.sql) ? 'sends SQL' : undefined;
    case 'commands':
      return holds(a.text) ? `runs commands (${a.detail})` : undefined;
    case 'file':
      return holds(a.path) ? `runs a file (${a.detail})` : undefined;
    case 'undecidable':
      // `xargs gh repo`: the input picks the subcommand, or is read as options that cannot be seen.
      return a.found.reason.includes(INPUT) ? a.found.reason.replaceAll(INPUT, 'the input') : undefined;
    default:
      return undefined;
  }
}

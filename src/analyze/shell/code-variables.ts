// Variables whose value a shell later runs or expands as code: the prompt strings (PS0, PS1, PS2
// before a prompt, PS4 before each traced command under `set -x`/`bash -x`), PROMPT_COMMAND (run
// before each prompt), BASH_ENV and ENV (expanded, then sourced by the next non-interactive bash
// or interactive sh), and functions handed to a bash through the environment (`BASH_FUNC_ls%%`).
// An assignment the script makes to one is judged where it is made, as the code it will run —
// whether a later shell is interactive or traced does not change what it would run; a value only
// known at run time is refused. Values the host's own environment holds are its configuration,
// like PATH, and are not judged.
import type { Word } from '../../core/ir.js';
import type { IrBuilder, Scope } from './builder.js';
import { State } from './state.js';
import { judgeExpandedText } from './evaluations.js';
import { undecidable } from './undecidable.js';

const PROMPTS = new Set(['PS0', 'PS1', 'PS2', 'PS4']);
const STARTUP = new Set(['BASH_ENV', 'ENV']);

/** True for a variable whose value a shell runs or expands as code. */
export function isCodeVariable(name: string): boolean {
  return PROMPTS.has(name) || STARTUP.has(name) || name === 'PROMPT_COMMAND' || /^BASH_FUNC_.+%%$/.test(name);
}

/** A later shell starts in the same folder, knowing none of this one's variables. */
const later = (state: State) => new State(state.cwd);

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function nested(scope: Scope, detail: string, parentId: number | undefined): Scope {
  const { placeholders: _p, pipeline: _s, parentId: _id, ...rest } = scope;
  return {
    ...rest,
    context: [...scope.context, { kind: 'nested_script', detail }],
    nest: scope.nest + 1,
    outer: [],
    ...(parentId === undefined ? {} : { parentId }),
  };
}

/**
 * Judges `name=value` for a code variable: the prompt's substitutions, PROMPT_COMMAND's script,
 * BASH_ENV's expansion and the file it sources, an imported function's body.
 */
export function judgeCodeAssignment(
  b: IrBuilder,
  name: string,
  value: Word,
  scope: Scope,
  state: State,
  evidence: string,
  parentId?: number,
): void {
  const detail = name;
  if (PROMPTS.has(name)) {
    judgeExpandedText(b, value, true, nested(scope, detail, parentId), state, `the prompt string ${name}`, evidence);
    return;
  }
  if (!value.static || /^\(/.test(value.raw)) {
    b.fail(
      undecidable(
        'parse.dynamic_script',
        `${name} holds code a shell runs later, and its value is only known when the script runs`,
        evidence,
      ),
    );
    return;
  }
  if (name === 'PROMPT_COMMAND') {
    b.script(value.value, nested(scope, detail, parentId), later(state));
  } else if (STARTUP.has(name)) {
    if (/[$`]/.test(value.value)) {
      judgeExpandedText(b, value, false, nested(scope, detail, parentId), state, name, evidence);
      b.fail(undecidable('parse.dynamic_script', `${name} names the file a shell sources only after expanding it`, evidence));
    } else if (value.value !== '') {
      b.script(`source -- ${quote(value.value)}`, nested(scope, detail, parentId), later(state));
    }
  } else {
    // `BASH_FUNC_ls%%=() { …; }`: the bash that imports it defines ls with that body.
    const fn = /^BASH_FUNC_(.+)%%$/.exec(name)![1]!;
    b.script(`${fn} ${value.value}`, nested(scope, detail, parentId), later(state));
  }
}

// Which program modules look at a command: one dispatch over the (unwrapped) command name.
import type { Assignment, Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { findActions, parallelActions } from './carriers.js';
import { gitActions } from './git.js';
import { emulateActions, mapfileActions } from './option-scripts.js';
import { uvActions } from './project-runners.js';
import { interpreterActions, interpreterOf } from './interpreters.js';
import { composeActions, dockerActions, kubectlActions, sshActions } from './remote.js';
import {
  SHELLS,
  aliasActions,
  evalActions,
  scriptActions,
  shellActions,
  sourceActions,
  suActions,
  sudoShellActions,
  trapActions,
} from './shells.js';
import { sqlClientActions } from './sql-clients.js';
import { seatbeltActions, seatbeltArgs } from './seatbelt.js';
import { catalogueActions, catalogueCommands, executorActions } from './catalogue-actions.js';
import { SQL_CLIENTS } from '../../catalogue/kinds.js';

const EXPORTERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/** `export PAGER='…'`: the assignments a declaration makes, for every later program. */
function declared(args: readonly Word[]): Assignment[] {
  return args
    .filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value))
    .map((w) => ({
      name: w.value.slice(0, w.value.indexOf('=')),
      value: { value: w.value.slice(w.value.indexOf('=') + 1), static: w.static, raw: w.raw },
    }));
}

/**
 * Everything a command runs beyond itself: what its environment assignments make it run, and what
 * its program runs (`assignments` are the command's `NAME=value` prefixes).
 */
export function actionsFor(name: string, args: Word[], text: string, assignments: readonly Assignment[] = []): Action[] {
  const env = EXPORTERS.has(name) ? executorActions(declared(args), null, text) : executorActions(assignments, name, text);
  return [...env, ...programActions(name, args, text)];
}

function programActions(name: string, args: Word[], text: string): Action[] {
  const inner = seatbeltArgs(name, args);
  if (inner) return seatbeltActions(inner, text);
  if (SHELLS.has(name)) return shellActions(name, args);
  // An interpreter that is also a runner (`bun x pkg`): the command its spec runs, beside its code.
  if (interpreterOf(name)) return [...interpreterActions(name, args), ...catalogueCommands(name, args, text)];
  // SQL clients are read by their own module, with the option grammar of their catalogue specs.
  if (Object.hasOwn(SQL_CLIENTS, name)) return sqlClientActions(name, args);
  switch (name) {
    case 'eval':
      return evalActions(args);
    case 'trap':
      return trapActions(args);
    case 'alias':
      return aliasActions(args);
    case 'source':
    case '.':
      return sourceActions(name, args);
    case 'su':
      return suActions(name, args);
    // `runuser user -c '…'` like su; `runuser -u user cmd` runs cmd (its catalogue spec).
    case 'runuser':
      return [...suActions(name, args), ...catalogueActions(name, args, text)];
    case 'sudo':
    case 'doas':
      return sudoShellActions(name, args);
    case 'script':
      return scriptActions(args);
    case 'ssh':
      return sshActions(args, text);
    case 'docker':
    case 'podman':
      return dockerActions(name, args, text);
    case 'docker-compose':
    case 'podman-compose':
      return composeActions(name, args, text);
    case 'kubectl':
    case 'oc':
      return kubectlActions(name, args, text);
    case 'git':
      return gitActions(args);
    case 'find':
      return findActions(args);
    case 'parallel':
      return parallelActions(args);
    case 'mapfile':
    case 'readarray':
      return mapfileActions(name, args);
    case 'emulate':
      return emulateActions(args);
    case 'uv':
    case 'uvx':
      return uvActions(name, args);
    default:
      return [...catalogueActions(name, args, text), ...sqlClientActions(name, args)];
  }
}

// Project runners the IR follows itself: `uv run CMD`, `uv tool run TOOL`, `uvx TOOL` run a
// program from the project's (or a throwaway) environment. The program is spawned as a command of
// its own, so a shell it is given (`uv run bash -c '…'`) is parsed like any nested script. The
// runner stays in the IR (it syncs or installs packages: src/rules/shell/packages.ts).
import type { Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { hasOption, optionValues, scanOptions, type OptionSpec } from './options.js';

/** uv's global, `run` and `tool run` options that take a value; other options are flags (uv has hundreds). */
const UV: OptionSpec = {
  withArg: 'pifPC',
  longWithArg: [
    'with',
    'with-editable',
    'with-requirements',
    'with-executables-from',
    'from',
    'extra',
    'no-extra',
    'group',
    'no-group',
    'only-group',
    'package',
    'python',
    'env-file',
    'directory',
    'project',
    'index',
    'default-index',
    'index-url',
    'extra-index-url',
    'find-links',
    'index-strategy',
    'keyring-provider',
    'resolution',
    'prerelease',
    'fork-strategy',
    'exclude-newer',
    'exclude-newer-package',
    'upgrade-package',
    'reinstall-package',
    'refresh-package',
    'no-build-package',
    'no-binary-package',
    'no-sources-package',
    'config-setting',
    'config-settings-package',
    'link-mode',
    'cache-dir',
    'config-file',
    'allow-insecure-host',
    'color',
    'python-preference',
    'python-platform',
    'torch-backend',
    'constraints',
    'overrides',
    'build-constraints',
  ],
  lenient: true,
};

/** What `uv run …`, `uv tool run …` or `uvx …` runs; nothing for uv's other subcommands. */
export function uvActions(name: string, args: Word[]): Action[] {
  let rest = args;
  let tool = name === 'uvx';
  if (name === 'uv') {
    const g = scanOptions(args, UV);
    const sub = args[g.end];
    const at = (i: number, v: string) => args[i]?.static && args[i]!.value === v;
    if (!sub || !(at(g.end, 'run') || (at(g.end, 'tool') && at(g.end + 1, 'run')))) return [];
    tool = sub.value === 'tool';
    rest = [...args.slice(0, g.end), ...args.slice(g.end + (tool ? 2 : 1))];
  }
  const s = scanOptions(rest, UV);
  let words = rest.slice(s.end);
  if (!words.length) return [];
  // `uvx ruff@0.5 check`: the tool's executable is named without its version.
  if (tool && words[0]!.static) words = [{ ...words[0]!, value: words[0]!.value.replace(/(@|[=<>~!]=?).*$/, '') }, ...words.slice(1)];
  // `uv run -m http.server`: python runs the module.
  if (hasOption(s, 'm', 'module'))
    words = [{ value: 'python', static: true, raw: 'python' }, { value: '-m', static: true, raw: '-m' }, ...words];
  const moved = optionValues(s, 'directory').length > 0;
  return [{ kind: 'spawn', words, label: tool ? 'uv tool run' : 'uv run', where: moved ? 'unknown' : 'keep' }];
}

// `cargo --config KEY=VALUE` sets a configuration value for one run, and some values are programs
// cargo runs: `target.<triple>.runner` runs the built binary through it, `build.rustc-wrapper`,
// `build.rustc`, `build.rustdoc` and linkers replace the compiler's tools, credential providers run
// when a registry is used. Like `git -c core.pager=…`, such a value is judged as the command it is;
// settings that change what runs in other ways (rustflags, `env.*`, aliases, sources and patches),
// a value that is not a plain string, a configuration file, and anything only known at run time
// cannot be judged and block. Settings known to run nothing pass.
import type { Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { undecidable } from './undecidable.js';

/** Keys whose value is a program (and its arguments) cargo runs. */
const RUNS =
  /^(target\.[^.]+(\.[^.]+)*\.(runner|linker)|host(\.[^.]+)?\.linker|build\.(rustc|rustc-wrapper|rustc-workspace-wrapper|rustdoc)|doc\.browser|credential-provider|registry\.(credential-provider|global-credential-providers)|registries\.[^.]+\.credential-provider)$/;

/** Keys that change nothing cargo runs (build parallelism and folders, profiles' optimisation, network, terminal). */
const INERT =
  /^(build\.(jobs|target|target-dir|incremental|pipelining|dep-info-basedir)|profile\.[^.]+\.(opt-level|debug|debug-assertions|overflow-checks|lto|panic|incremental|codegen-units|split-debuginfo|strip|rpath|inherits)|net\..+|http\..+|term\..+|cargo-new\..+|install\.root|future-incompat-report\..+|resolver\..+|cache\..+|registry\.default)$/;

/** The key of `KEY = VALUE`, each part unquoted and in lower case (`target."cfg(unix)".runner`). */
function keyOf(text: string): { key: string; value: string } | undefined {
  const m = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  const key = m[1]!
    .split(/\s*\.\s*(?=(?:[^"']|"[^"]*"|'[^']*')*$)/)
    .map((p) => p.replace(/^["']|["']$/g, '').toLowerCase())
    .join('.');
  return { key, value: m[2]!.trim() };
}

/** A TOML string (basic or literal, on one line), or an array of them: the command's words. */
function commandOf(value: string): string | undefined {
  const str = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)')$/.exec(value);
  if (str) return str[2] ?? str[1]!.replace(/\\(.)/g, '$1');
  const arr = /^\[\s*((?:(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*,?\s*)*)\]$/.exec(value);
  if (!arr) return undefined;
  const words = [...arr[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[2] ?? m[1]!.replace(/\\(.)/g, '$1'));
  return words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** What one `--config` value makes cargo run, or why that cannot be known. */
export function cargoConfigActions(config: Word, detail: string, text: string): Action[] {
  const fail = (reason: string): Action[] => [
    { kind: 'undecidable', found: undecidable('parse.dynamic_script', `${detail}: ${reason}`, text) },
  ];
  if (!config.static) return fail(`${config.raw} is a setting only known when the command runs`);
  const kv = keyOf(config.value);
  if (!kv || /\.toml$/i.test(config.value.trim()))
    return fail(`${config.value} is a configuration file, whose settings may name programs cargo runs`);
  if (INERT.test(kv.key)) return [];
  if (!RUNS.test(kv.key)) return fail(`the setting ${kv.key} may change what cargo runs`);
  const command = commandOf(kv.value);
  if (command === undefined) return fail(`the program in ${kv.key} is not a plain string`);
  return [{ kind: 'script', text: { value: command, static: true, raw: config.raw }, detail: `${detail} ${kv.key}` }];
}

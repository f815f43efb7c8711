// PHP's capabilities. Function names ignore case and namespaces (`\SYSTEM` is `system`), and any
// string can be called: `$f()`, `'system'()`, `array_map('system', …)`, `call_user_func`,
// Reflection. So calls of anything but a literal name block, a string naming a function that acts
// blocks, and functions taking a callback must be given a closure or a harmless function's name.
import {
  BLOCK,
  callArgs,
  each,
  literal,
  positional,
  writesMode,
  type CapabilityTable,
  type CheckContext,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

const PROGRAMS = 'system exec shell_exec passthru popen proc_open pcntl_exec';
const FILES =
  'unlink rmdir rename chmod chown chgrp lchown lchgrp symlink link touch mkdir copy file_put_contents move_uploaded_file posix_kill';
const BLOCKED = `pcntl_fork mail mb_send_mail dl create_function call_user_func call_user_func_array forward_static_call forward_static_call_array assert eval fsockopen
  pfsockopen stream_socket_client stream_socket_server socket_create socket_create_pair socket_connect curl_multi_exec ftp_connect ftp_ssl_connect ssh2_connect
  posix_setuid posix_setgid posix_seteuid posix_setegid posix_setsid posix_mkfifo posix_mknod proc_nice opcache_compile_file apache_child_terminate ffi pdo mysqli
  sqlite3 splfileobject spltempfileobject ziparchive phar phardata closure stream_wrapper_register`;

/** Functions that call what they are given, and where the callback is. */
const CALLBACKS: Record<string, number[]> = {
  array_map: [0],
  array_filter: [1],
  array_walk: [1],
  array_walk_recursive: [1],
  array_reduce: [1],
  usort: [1],
  uasort: [1],
  uksort: [1],
  preg_replace_callback: [1],
  preg_replace_callback_array: [0],
  register_shutdown_function: [0],
  register_tick_function: [0],
  set_error_handler: [0],
  set_exception_handler: [0],
  spl_autoload_register: [0],
  iterator_apply: [1],
  ob_start: [0],
  header_register_callback: [0],
  is_callable: [],
  array_udiff: [-1],
  array_uintersect: [-1],
  array_diff_ukey: [-1],
  array_intersect_ukey: [-1],
  array_udiff_assoc: [-1],
  array_uintersect_assoc: [-1],
  array_diff_uassoc: [-1],
  array_intersect_uassoc: [-1],
  array_udiff_uassoc: [-1, -2],
  array_uintersect_uassoc: [-1, -2],
  session_set_save_handler: [0, 1, 2, 3, 4, 5],
  mb_ereg_replace_callback: [1],
  stream_filter_register: [],
  assert_options: [1],
  pcntl_signal: [1],
  xml_set_element_handler: [1, 2],
  xml_set_character_data_handler: [1],
  xml_set_default_handler: [1],
  xml_set_processing_instruction_handler: [1],
  xml_set_external_entity_ref_handler: [1],
  xml_set_notation_decl_handler: [1],
  xml_set_unparsed_entity_decl_handler: [1],
  xml_set_start_namespace_decl_handler: [1],
  xml_set_end_namespace_decl_handler: [1],
};

/** Names that act when called: a callback may not be one of them. */
const PHP_CALLABLES = new Set([
  ...PROGRAMS.split(/\s+/),
  ...FILES.split(/\s+/),
  ...BLOCKED.split(/\s+/),
  'fopen',
  'preg_replace',
  'error_log',
  'curl_setopt',
  'curl_setopt_array',
  ...Object.keys(CALLBACKS),
]);

/** Any string can be called: one naming a function that runs programs, evaluates or destroys blocks wherever it is. */
const NAMED_STRINGS = new Set([
  ...PROGRAMS.split(/\s+/),
  'unlink',
  'rmdir',
  'rename',
  'chmod',
  'chown',
  'file_put_contents',
  'posix_kill',
  'assert',
  'create_function',
  'call_user_func',
  'call_user_func_array',
  'forward_static_call',
  'forward_static_call_array',
  'mail',
  'dl',
  'preg_replace',
  'array_map',
  'array_filter',
  'array_walk',
  'usort',
  'register_shutdown_function',
]);

/** A callback argument: a closure, or the literal name of a function that does not act. */
function judgeCallbacks(positions: number[]): (use: Use) => Verdict {
  return (use) => {
    const args = positional(callArgs(use) ?? []);
    for (const p of positions) {
      const a = args[p < 0 ? args.length + p : p];
      if (!a) continue;
      const name = literal(a)?.toLowerCase().replace(/^\\/, '');
      if (name !== undefined && !PHP_CALLABLES.has(name)) continue;
      if (a.kind === 'other' && /^(?:static\s+)?(?:function\s*\(|fn\s*\()/.test(a.text)) continue;
      return { problem: `${use.name} with a callback that may be any function` };
    }
    return 'read';
  };
}

/** `include 'lib.php'` runs a file named literally (like `php lib.php`); a computed name or a stream (`data://`, `php://input`) blocks. */
function judgeInclude(use: Use): Verdict {
  const next = use.tokens[use.last + 1];
  const arg = next?.text === '(' ? use.tokens[use.last + 2] : next;
  return arg?.kind === 'string' && !arg.dynamic && !/^[a-z][\w+.-]*:/i.test(arg.value) ? 'read' : BLOCK;
}

/** Settings that only change how PHP computes or reports; others name files or programs it will use. */
const HARMLESS_SETTINGS =
  /^(display_errors|display_startup_errors|error_reporting|log_errors|html_errors|memory_limit|max_execution_time|date\.timezone|precision|serialize_precision|default_charset|zend\.assertions|assert\.active|output_buffering|implicit_flush|max_input_time|default_socket_timeout|user_agent)$/i;

/** `preg_replace('/x/e', …)` evaluates the replacement (PHP < 7). */
function judgePregReplace(use: Use): Verdict {
  const pattern = literal(positional(callArgs(use) ?? [])[0])?.trim();
  if (pattern === undefined || pattern === null)
    return { problem: `${use.name} with a pattern only known when the code runs (it may evaluate code)` };
  const open = pattern[0] ?? '/';
  const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
  return /e/.test(pattern.slice(pattern.lastIndexOf(close) + 1)) ? { problem: `${use.name} with /e evaluates code` } : 'read';
}

const PHP_MEMBERS: Record<string, Judge> = {
  ...each('', PROGRAMS, 'shell'),
  ...each('', FILES, 'file'),
  ...each('', BLOCKED, BLOCK),
  fopen: (use) => (writesMode(positional(callArgs(use) ?? [])[1]) ? 'file' : 'read'),
  ...each('', 'include include_once require require_once', judgeInclude),
  preg_replace: judgePregReplace,
  ...each('', 'ini_set ini_alter', (use) =>
    HARMLESS_SETTINGS.test(literal(positional(callArgs(use) ?? [])[0]) ?? '')
      ? 'read'
      : { problem: `${use.name} of a setting that names files or programs` },
  ),
  mb_ereg_replace: (use) =>
    positional(callArgs(use) ?? []).length > 3 ? { problem: `${use.name} with options may evaluate code` } : 'read',
  error_log: (use) => (positional(callArgs(use) ?? []).length > 1 ? { problem: `${use.name} may write a file or send mail` } : 'read'),
  ...each('', 'curl_setopt curl_setopt_array', (use) =>
    /CURLOPT_(?:POST|POSTFIELDS|UPLOAD|PUT|CUSTOMREQUEST|INFILE|READFUNCTION|WRITEFUNCTION|HEADERFUNCTION|PROGRESSFUNCTION|XFERINFOFUNCTION|FILE)\b/.test(
      use.code,
    )
      ? { problem: `${use.name} may send data or call a callback` }
      : 'read',
  ),
  stream_context_create: (use) => (/['"](?:POST|PUT|PATCH|DELETE)['"]/i.test(use.code) ? { problem: `${use.name} may send data` } : 'read'),
  ...Object.fromEntries(Object.entries(CALLBACKS).map(([n, p]) => [n, judgeCallbacks(p)])),
};

/** `$f()`, `$o->$m()`, `new $c`, `'system'()`, `(…)(…)`, Reflection: calls of a name chosen when the code runs. */
function check(ctx: CheckContext): void {
  const { tokens, problem } = ctx;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (t.kind === 'name' && t.sigil && next?.text === '(') problem(`${t.text}(…): calls a function named by a variable`);
    else if (t.kind === 'name' && t.sigil && next?.text === '::') problem(`${t.text}::: a class named by a variable`);
    else if (
      t.kind === 'punct' &&
      (t.text === '->' || t.text === '?->' || t.text === '::') &&
      (next?.text === '{' || (next?.kind === 'name' && next.sigil && tokens[i + 2]?.text === '('))
    )
      problem(`${t.text}${next.text}: a method chosen when the code runs`);
    else if (t.kind === 'name' && t.value.toLowerCase() === 'new' && (next?.sigil || next?.text === '('))
      problem('new with a class chosen when the code runs');
    else if ((t.kind === 'string' || t.text === ')' || t.text === ']' || t.text === '}') && next?.text === '(')
      problem(`${t.text}(…): calls the value of an expression`);
    else if (t.kind === 'name' && !t.sigil && /^\\?reflection/i.test(t.value) && !(prev && ['->', '?->'].includes(prev.text)))
      problem(`${t.value}: reflection calls anything by name`);
  });
}

export const PHP: CapabilityTable = {
  globals: Object.fromEntries(Object.keys(PHP_MEMBERS).map((n) => [n, n])),
  members: PHP_MEMBERS,
  strict: [],
  methods: each(
    '',
    'invoke invokeargs newinstance newinstanceargs newinstancewithoutconstructor call __invoke extractto getclosure fromcallable exec query',
    BLOCK,
  ),
  callableStrings: NAMED_STRINGS,
  check,
  normalize: (name) => name.replace(/^.*\\/, '').toLowerCase(),
};

// Ruby's capabilities. Kernel methods are called bare (`system "ls"`), through `Kernel.`, or by
// name (`send(:system)`, `method(:system)`, `&:system`); the classes that act (File, FileUtils, IO,
// Dir, Process, Open3, sockets) are strict. `open("|cmd")` and `IO.read("|cmd")` run commands.
import {
  BLOCK,
  callArgs,
  each,
  literal,
  positional,
  writesMode,
  type CapabilityTable,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

/** `open(path, mode)`: a path starting with `|` runs a command; a write mode changes a file. */
function judgeOpen(kernel: boolean): (use: Use) => Verdict {
  return (use) => {
    const args = callArgs(use);
    if (!args) return BLOCK;
    const first = literal(positional(args)[0]);
    if (kernel && (first === null || first.startsWith('|')))
      return { problem: `${use.name} of ${first ?? 'a name only known when the code runs'}: it may run a command` };
    return writesMode(positional(args)[1]) ? 'file' : 'read';
  };
}

/** `IO.read("|cmd")` runs a command; a literal path reads. */
function judgeIoRead(use: Use): Verdict {
  const first = literal(positional(callArgs(use) ?? [])[0]);
  return first !== null && !first.startsWith('|')
    ? 'read'
    : { problem: `${use.name} of ${first ?? 'a name only known when the code runs'}: it may run a command` };
}

/** `require 'json'` loads a library by name; `require x` loads whatever x holds. */
const judgeLoad = (use: Use): Verdict => (literal(positional(callArgs(use) ?? [])[0]) !== null ? 'read' : BLOCK);

/** After `include FileUtils`, its methods are bare names. */
const fileUtilsIncluded = (use: Use): Verdict => (use.bound.has('include') && use.bound.has('FileUtils') ? 'file' : 'read');

const REFLECTION =
  'eval instance_eval class_eval module_eval instance_exec class_exec module_exec send __send__ public_send method public_method instance_method singleton_method define_method define_singleton_method const_get binding autoload set_trace_func';

const RUBY_MEMBERS: Record<string, Judge> = {
  ...each('', 'system exec spawn', 'shell'),
  ...each('', 'fork syscall', BLOCK),
  ...each('', REFLECTION, BLOCK),
  open: judgeOpen(true),
  ...each('', 'require require_relative load', judgeLoad),
  ...each(
    '',
    'rm_rf rm_r rm_f remove_dir remove_entry remove_entry_secure rmtree remove_file cp_r mkdir_p makedirs mkpath ln_s ln_sf chmod_R chown_R',
    'file',
  ),
  ...each('', 'rm mv cp ln chmod chown touch install move copy symlink', fileUtilsIncluded),
  ...each(
    'File',
    `read readlines exist? exists? file? directory? basename dirname extname join expand_path absolute_path absolute_path? realpath realdirpath size size? mtime
    atime ctime birthtime stat lstat readable? writable? executable? world_readable? world_writable? foreach binread symlink? zero? empty? split fnmatch fnmatch? ftype
    identical? path SEPARATOR ALT_SEPARATOR PATH_SEPARATOR readlink owned? pipe? socket? blockdev? chardev? setuid? setgid? sticky? Stat`,
    'read',
  ),
  ...each('File', 'delete unlink write binwrite rename chmod lchmod symlink link truncate utime chown lchown', 'file'),
  ...each('File', 'open new', judgeOpen(false)),
  ...each('IO', 'read readlines foreach binread', judgeIoRead),
  'IO.popen': 'shell',
  ...each('IO', 'write binwrite', 'file'),
  ...each('IO', 'select console pipe?', 'read'),
  ...each('Dir', 'pwd getwd glob [] entries children each_child exist? exists? home foreach empty? chdir tmpdir', 'read'),
  ...each('Dir', 'mkdir delete rmdir unlink', 'file'),
  ...each(
    'FileUtils',
    `rm_rf rm_r rm rm_f remove remove_dir remove_entry remove_entry_secure rmtree remove_file mv move cp copy cp_r copy_entry copy_file mkdir mkdir_p
    makedirs mkpath ln ln_s ln_sf symlink link chmod chmod_R chown chown_R touch install`,
    'file',
  ),
  ...each('FileUtils', 'pwd getwd compare_file identical? cmp uptodate?', 'read'),
  ...each(
    'Process',
    `pid ppid clock_gettime times uid gid euid egid wait wait2 waitpid waitall getpgid getpgrp getpriority argv0 last_status Status CLOCK_MONOTONIC
    CLOCK_REALTIME CLOCK_PROCESS_CPUTIME_ID detach getrlimit`,
    'read',
  ),
  ...each('Process', 'spawn exec', 'shell'),
  'Process.kill': 'file',
  ...each('Open3', 'capture2 capture2e capture3 popen2 popen2e popen3 pipeline pipeline_r pipeline_w pipeline_rw pipeline_start', 'shell'),
  ...each('Net.HTTP', 'get get_response get_print start new Get Head', 'read'),
  Pathname: 'read', // Pathname('x') and Pathname.new: its methods are judged where they are called
  'Marshal.dump': 'read',
  ...each('YAML', 'dump safe_load load_file load', 'read'),
  ...each('Psych', 'dump safe_load load_file load', 'read'),
};

const RUBY_METHODS: Record<string, Judge> = {
  ...each('', REFLECTION, BLOCK),
  ...each('', 'system exec spawn popen', 'shell'),
  kill: 'file',
  ...each('', 'rmtree rm_rf rm_r unlink rmdir mkpath make_symlink make_link rename chmod lchmod chown binwrite', 'file'),
  ...each('', 'syscall post put patch request unsafe_load unsafe_load_file', BLOCK),
  reopen: 'file',
};

const STRICT = [
  'File',
  'FileUtils',
  'IO',
  'Dir',
  'Process',
  'Open3',
  'PTY',
  'Socket',
  'TCPSocket',
  'UDPSocket',
  'UNIXSocket',
  'BasicSocket',
  'Net',
  'ObjectSpace',
  'Fiddle',
  'DL',
  'RubyVM',
  'Binding',
  'Shell',
  'Marshal',
  'ERB',
  'YAML',
  'Psych',
  'Kernel',
];

export const RUBY: CapabilityTable = {
  globals: {
    ...Object.fromEntries(
      Object.keys(RUBY_MEMBERS)
        .filter((k) => !k.includes('.'))
        .map((n) => [n, n]),
    ),
    ...Object.fromEntries(STRICT.map((n) => [n, n])),
    Kernel: 'Kernel',
    Pathname: 'Pathname',
  },
  // `Object::File` and `::File` are File.
  reentry: [...STRICT, 'Pathname'],
  members: RUBY_MEMBERS,
  strict: STRICT.filter((s) => s !== 'Kernel'),
  transparent: ['Kernel'],
  methods: RUBY_METHODS,
  // `&:unlink` calls the method on every element (`Pathname.glob('*').each(&:unlink)`).
  callableStrings: new Set([
    'system',
    'exec',
    'spawn',
    'fork',
    'syscall',
    'open',
    '`',
    'popen',
    'load',
    'require',
    'unlink',
    'rmtree',
    'rmdir',
    'delete',
    'chmod',
    'rename',
    'binwrite',
    'kill',
    ...REFLECTION.split(' '),
  ]),
  callableSymbolsOnly: true,
};

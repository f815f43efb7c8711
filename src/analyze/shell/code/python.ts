// Python's capabilities. Modules that can act (os, subprocess, shutil, socket, …) are strict:
// only the members listed here are known, the rest block, and the module may not escape as a
// value (`o = os`). Reflection — eval, exec, compile, __import__, getattr with a computed name,
// globals(), __dict__, frames — blocks wherever it appears. `open` writes only in a write mode.
import type { Token } from './tokens.js';
import {
  BLOCK,
  callArgs,
  each,
  keyword,
  literal,
  positional,
  writesMode,
  type CapabilityTable,
  type Declarations,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

const OS_READS = `path environ environb getenv getenvb getcwd getcwdb listdir scandir walk fwalk stat lstat fstat access sep altsep extsep pathsep linesep defpath devnull curdir
  pardir name getpid getppid getuid geteuid getgid getegid getgroups getlogin uname cpu_count process_cpu_count urandom get_terminal_size terminal_size fspath fsencode
  fsdecode strerror isatty readlink times getloadavg sched_getaffinity get_exec_path chdir umask putenv unsetenv error PathLike DirEntry stat_result supports_fd
  supports_dir_fd supports_follow_symlinks supports_effective_ids confstr sysconf pathconf F_OK R_OK W_OK X_OK SEEK_SET SEEK_CUR SEEK_END get_blocking getpriority`;
const OS_PROGRAMS =
  'system popen execl execle execlp execlpe execv execve execvp execvpe spawnl spawnle spawnlp spawnlpe spawnv spawnve spawnvp spawnvpe posix_spawn posix_spawnp';
const OS_FILES =
  'remove unlink rename replace renames truncate rmdir removedirs mkdir makedirs chmod lchmod chown lchown symlink link kill killpg';

/** Attributes that reach an object's globals, builtins, class tree or frames: a way around every table. */
const PY_REFLECTION = new Set([
  '__dict__',
  '__globals__',
  '__builtins__',
  '__import__',
  '__class__',
  '__base__',
  '__bases__',
  '__mro__',
  '__subclasses__',
  '__code__',
  '__closure__',
  '__func__',
  '__self__',
  '__getattribute__',
  '__getattr__',
  '__setattr__',
  '__delattr__',
  '__reduce__',
  '__reduce_ex__',
  '__loader__',
  '__spec__',
  '__objclass__',
  '__wrapped__',
  '__defaults__',
  '__kwdefaults__',
  '__init_subclass__',
  '__set_name__',
  'f_globals',
  'f_locals',
  'f_builtins',
  'f_back',
  'f_code',
  'tb_frame',
  'tb_next',
  'gi_frame',
  'gi_code',
  'cr_frame',
  'cr_code',
  'ag_frame',
  'ag_code',
  'func_globals',
  'mro',
]);

/** Modules whose every member acts or evaluates: importing is fine, using them is not judged. */
const BLOCKED_MODULES = [
  'ctypes',
  'cffi',
  'importlib',
  'imp',
  'runpy',
  'code',
  'codeop',
  'pickle',
  '_pickle',
  'cPickle',
  'marshal',
  'shelve',
  'dbm',
  'dill',
  'cloudpickle',
  'builtins',
  '__builtin__',
  'pydoc',
  'webbrowser',
  'pip',
  'ensurepip',
  'setuptools',
  'distutils',
  'fcntl',
  'termios',
  '_posixsubprocess',
  '_winapi',
  'msvcrt',
  'winreg',
  'ftplib',
  'smtplib',
  'telnetlib',
  'poplib',
  'imaplib',
  'nntplib',
  'xmlrpc',
  'socketserver',
  'asyncore',
  'asynchat',
  'sh',
  'plumbum',
  'pexpect',
  'ptyprocess',
  'sarge',
  'envoy',
  'delegator',
  'invoke',
  'fabric',
  'paramiko',
  'pwn',
  'docker',
  'boto3',
  'botocore',
  'kubernetes',
  'send2trash',
  'gc',
  '_thread',
  'sys._getframe',
  'posix_spawn',
  // Strings they are given run as code, or names they are given are imported and called.
  'timeit',
  'pdb',
  'bdb',
  'trace',
  'profile',
  'cProfile',
  'doctest',
  'pkgutil',
  'logging.config',
  'logging.handlers',
  'websocket',
  'websockets',
  'pycurl',
];

/** `open(path, mode)`: reading is fine; a write mode is a file change the file-call reader must take apart. */
function judgeOpen(modeAt: number): (use: Use) => Verdict {
  return (use) => {
    const args = callArgs(use);
    if (!args) return BLOCK; // `o = open`: called later with anything
    const mode = keyword(args, 'mode') ?? positional(args)[modeAt];
    return writesMode(mode) ? 'file' : 'read';
  };
}

/** `getattr(x, 'name')`: a literal, harmless name reads; anything else may reach any attribute. */
function judgeAttr(use: Use): Verdict {
  const name = literal(positional(callArgs(use) ?? [])[1]);
  if (name === null || PY_REFLECTION.has(name) || PY_ACTING.has(name))
    return { problem: `${use.name} with a name that may reach ${name ?? 'any attribute'}` };
  return 'read';
}

/** Members that act whatever object they are read from. */
const PY_METHODS: Record<string, Judge> = {
  ...each(
    '',
    'unlink rmdir write_text write_bytes touch mkdir chmod lchmod chown lchown symlink_to hardlink_to link_to rename rmtree kill',
    'file',
  ),
  ...each('', 'system popen', 'shell'),
  ...each(
    '',
    'terminate send_signal pthread_kill extractall extract subprocess_exec subprocess_shell eval exec execfile unsafe_load',
    BLOCK,
  ),
  open: judgeOpen(0),
  // `Path.replace` renames; `str.replace` does not. Only judged where pathlib is in reach.
  replace: (use) => (use.bound.has('pathlib') ? 'file' : 'read'),
  ...Object.fromEntries([...PY_REFLECTION].map((n) => [n, BLOCK])),
};

/** Every name above that acts: `getattr(x, 'system')` is as good as `x.system`. */
const PY_ACTING = new Set([...OS_PROGRAMS.split(' '), ...OS_FILES.split(' '), ...Object.keys(PY_METHODS).filter((k) => k !== 'replace')]);

/** `urlopen(url)` reads; a `data` argument or a Request with data or a method uploads. */
function judgeUpload(dataAt: number): (use: Use) => Verdict {
  return (use) => {
    const args = callArgs(use);
    if (!args) return BLOCK;
    const method = literal(keyword(args, 'method'));
    if (keyword(args, 'data') || keyword(args, 'json') || keyword(args, 'files') || positional(args)[dataAt] !== undefined)
      return { problem: `${use.name} sends data` };
    if (keyword(args, 'method') && !/^(GET|HEAD|OPTIONS)$/i.test(method ?? ''))
      return { problem: `${use.name} with a method that may send data` };
    return 'read';
  };
}

/** `requests.request('GET', url)`, `conn.request('POST', …)`: the method decides. */
function judgeRequest(use: Use): Verdict {
  const args = callArgs(use);
  const method = literal(positional(args ?? [])[0]);
  if (!args || !/^(GET|HEAD|OPTIONS)$/i.test(method ?? '') || keyword(args, 'data') || keyword(args, 'json') || keyword(args, 'body'))
    return { problem: `${use.name} may send data` };
  return 'read';
}

const HTTP_CLIENTS = ['requests', 'httpx', 'urllib3', 'aiohttp'];

const PY_MEMBERS: Record<string, Judge> = {
  open: judgeOpen(1),
  ...each('', 'eval exec execfile compile __import__ globals locals breakpoint help __builtins__ __loader__ __spec__', BLOCK),
  getattr: judgeAttr,
  setattr: judgeAttr,
  delattr: judgeAttr,
  vars: (use) => (positional(callArgs(use) ?? []).length ? 'read' : BLOCK),
  ...Object.fromEntries(
    ['os', 'posix', 'nt'].flatMap((m) =>
      Object.entries({ ...each(m, OS_READS, 'read'), ...each(m, OS_PROGRAMS, 'shell'), ...each(m, OS_FILES, 'file') }),
    ),
  ),
  ...each('subprocess', 'run call check_call check_output Popen getoutput getstatusoutput', 'shell'),
  ...each('subprocess', 'PIPE STDOUT DEVNULL CalledProcessError TimeoutExpired CompletedProcess SubprocessError list2cmdline', 'read'),
  ...each('commands', 'getoutput getstatusoutput', 'shell'),
  'pty.spawn': 'shell',
  ...each('asyncio', 'create_subprocess_shell create_subprocess_exec', 'shell'),
  ...each('asyncio', 'open_connection open_unix_connection start_server start_unix_server', BLOCK),
  ...each('shutil', 'rmtree move copy copy2 copyfile copytree', 'file'),
  ...each('shutil', 'which disk_usage get_terminal_size Error SameFileError', 'read'),
  ...each('pathlib', 'Path PurePath PosixPath PurePosixPath WindowsPath PureWindowsPath', 'read'),
  ...each(
    'socket',
    'gethostname gethostbyname gethostbyname_ex gethostbyaddr getfqdn getaddrinfo getnameinfo getservbyname getservbyport getprotobyname inet_aton inet_ntoa inet_pton inet_ntop htons htonl ntohs ntohl has_ipv6 AF_INET AF_INET6 AF_UNIX SOCK_STREAM SOCK_DGRAM error timeout gaierror herror',
    'read',
  ),
  'urllib.parse': 'read',
  'urllib.error': 'read',
  'urllib.robotparser': 'read',
  'urllib.request.urlopen': judgeUpload(1),
  'urllib.request.Request': judgeUpload(1),
  ...each('urllib.request', 'urlretrieve build_opener install_opener', BLOCK),
  ...each('http.client', 'HTTPConnection HTTPSConnection HTTPResponse HTTPException responses', 'read'),
  ...Object.fromEntries(
    HTTP_CLIENTS.flatMap((m) =>
      Object.entries({
        ...each(m, 'get head options', judgeUpload(99)),
        ...each(m, 'post put patch delete', BLOCK),
        [`${m}.request`]: judgeRequest,
      }),
    ),
  ),
  ...each('operator', 'attrgetter methodcaller', BLOCK),
  'signal.pthread_kill': BLOCK,
  'sqlite3.connect': (use) =>
    literal(positional(callArgs(use) ?? [])[0]) === ':memory:' ? 'read' : { problem: `${use.name} opens a database file it may change` },
  ...each('fileinput', 'input FileInput', (use) =>
    keyword(callArgs(use) ?? [], 'inplace') ? { problem: `${use.name} rewrites files in place` } : 'read',
  ),
  ...each('io', 'open FileIO', judgeOpen(1)),
  'codecs.open': judgeOpen(1),
  ...each('zipfile', 'ZipFile', judgeOpen(1)),
  ...each('tarfile', 'open TarFile', (use) =>
    /^[wax]/.test(literal(keyword(callArgs(use) ?? [], 'mode') ?? positional(callArgs(use) ?? [])[1]) ?? 'r') ? 'file' : 'read',
  ),
  ...each('yaml', 'load unsafe_load full_load load_all unsafe_load_all', (use) =>
    /SafeLoader|CSafeLoader|BaseLoader/.test(use.code) ? 'read' : { problem: `${use.name} may build arbitrary objects (and run code)` },
  ),
  ...each('psutil', 'Process', 'read'),
  ...each('importlib', 'metadata resources', 'read'),
  'logging.FileHandler': BLOCK,
  'logging.basicConfig': (use) => (keyword(callArgs(use) ?? [], 'filename') ? { problem: `${use.name} writes a log file` } : 'read'),
};

const SYS_READS = `argv orig_argv version version_info platform path stdin stdout stderr exit executable maxsize maxunicode byteorder getsizeof getrecursionlimit setrecursionlimit
  implementation prefix base_prefix exec_prefix base_exec_prefix flags float_info int_info hash_info hexversion api_version getdefaultencoding getfilesystemencoding
  stdlib_module_names builtin_module_names copyright getrefcount exc_info exception intern is_finalizing thread_info dont_write_bytecode warnoptions __stdin__
  __stdout__ __stderr__ ps1 ps2 set_int_max_str_digits get_int_max_str_digits`;
Object.assign(PY_MEMBERS, each('sys', SYS_READS, 'read'));

const STRICT = [
  'os',
  'posix',
  'nt',
  'sys',
  'subprocess',
  'commands',
  'pty',
  'shutil',
  'socket',
  'urllib.request',
  'http.client',
  'operator.attrgetter',
  'operator.methodcaller',
  'signal.pthread_kill',
  ...HTTP_CLIENTS,
  ...BLOCKED_MODULES,
];

/** `import a.b as c, d` and `from a import b as c`: local names for modules and their members. */
function declarations(tokens: Token[]): Declarations {
  const out: Declarations = { bindings: new Map(), skip: new Set(), problems: [] };
  const dotted = (i: number): { name: string; next: number } | null => {
    if (tokens[i]?.kind !== 'name') return null;
    let name = tokens[i]!.value;
    let j = i + 1;
    while (tokens[j]?.text === '.' && tokens[j + 1]?.kind === 'name') {
      name += `.${tokens[j + 1]!.value}`;
      j += 2;
    }
    return { name, next: j };
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name' || tokens[i - 1]?.text === '.') continue;
    if (t.value === 'import') {
      let j = i + 1;
      for (;;) {
        const m = dotted(j);
        if (!m) break;
        let local = m.name.split('.')[0]!;
        let target = local;
        j = m.next;
        if (tokens[j]?.value === 'as' && tokens[j + 1]?.kind === 'name') {
          local = tokens[j + 1]!.value;
          target = m.name;
          j += 2;
        }
        out.bindings.set(local, target);
        if (tokens[j]?.text !== ',') break;
        j++;
      }
      for (let k = i; k < j; k++) out.skip.add(k);
      i = j - 1;
    } else if (t.value === 'from') {
      const m = dotted(i + 1);
      if (!m || tokens[m.next]?.value !== 'import') continue;
      let j = m.next + 1;
      const paren = tokens[j]?.text === '(';
      if (paren) j++;
      if (tokens[j]?.text === '*') {
        if (STRICT.some((s) => m.name === s || m.name.startsWith(`${s}.`) || s.startsWith(`${m.name}.`)))
          out.problems.push(`from ${m.name} import *: every name may be one that acts`);
        j++;
      }
      while (tokens[j]?.kind === 'name') {
        const member = tokens[j]!.value;
        let local = member;
        j++;
        if (tokens[j]?.value === 'as' && tokens[j + 1]?.kind === 'name') {
          local = tokens[j + 1]!.value;
          j += 2;
        }
        out.bindings.set(local, `${m.name}.${member}`);
        if (tokens[j]?.text !== ',') break;
        j++;
      }
      if (paren && tokens[j]?.text === ')') j++;
      for (let k = i; k < j; k++) out.skip.add(k);
      i = j - 1;
    }
  }
  return out;
}

/** Modules other modules expose as attributes (`os.path.os`, `logging.os`, `shutil.os`). */
const REENTRY = [
  'os',
  'posix',
  'nt',
  'sys',
  'subprocess',
  'shutil',
  'socket',
  'builtins',
  '__builtins__',
  'ctypes',
  'importlib',
  'pty',
  'commands',
  '_posixsubprocess',
];

export const PYTHON: CapabilityTable = {
  reentry: REENTRY,
  globals: Object.fromEntries(
    [
      ...REENTRY,
      'open',
      'eval',
      'exec',
      'execfile',
      'compile',
      '__import__',
      'getattr',
      'setattr',
      'delattr',
      'globals',
      'locals',
      'vars',
      'breakpoint',
      'help',
      '__builtins__',
      '__loader__',
      '__spec__',
    ].map((n) => [n, n]),
  ),
  members: PY_MEMBERS,
  strict: STRICT,
  methods: PY_METHODS,
  declarations,
  callableStrings: PY_REFLECTION,
};

// The kinds of programs seatbelt treats alike, as data: shells, interpreters by language, SQL clients
// by dialect, downloaders, network senders, decoders. Every module that asks "is this a shell?",
// "which language does this interpreter read?" reads these lists, so a name added here is known
// everywhere at once. The lists are the union of the copies they replaced: a name is never dropped
// (a rule that no longer knew it would let it through).
import { boundedMemo } from '../core/bounded-memo.js';
import type { Dialect } from '../core/types.js';

/** Bourne-family shells: their scripts are the shell language seatbelt's parser reads. */
export const POSIX_SHELLS: readonly string[] = [
  'sh',
  'bash',
  'dash',
  'ash',
  'ksh',
  'mksh',
  'pdksh',
  'oksh',
  'loksh',
  'yash',
  'posh',
  'zsh',
  'rbash',
];

/** Shells that run `-c SCRIPT`, a script file or their stdin as sh does, in a language of their own (judged as sh). */
export const OTHER_SHELLS: readonly string[] = ['fish', 'csh', 'tcsh', 'elvish', 'nu', 'xonsh'];

/** PowerShell: a shell whose code is PowerShell, read by the interpreter module. */
export const POWERSHELLS: readonly string[] = ['pwsh', 'powershell'];

/** PowerShell commands that run their arguments (or their input) as code. */
export const POWERSHELL_EVALUATORS: readonly string[] = ['iex', 'invoke-expression'];

/** Every shell. */
export const SHELLS: readonly string[] = [...POSIX_SHELLS, ...OTHER_SHELLS, ...POWERSHELLS];

/** Shells whose `-c` script, script file and stdin are judged as shell text (PowerShell is read as code). */
export const SH_LIKE_SHELLS: readonly string[] = [...POSIX_SHELLS, ...OTHER_SHELLS];

/** An interpreter, by the reader that reads its options (`bun` and `deno` read node's language with options of their own). */
export type InterpreterKey =
  | 'python'
  | 'node'
  | 'bun'
  | 'deno'
  | 'perl'
  | 'ruby'
  | 'irb'
  | 'php'
  | 'r'
  | 'julia'
  | 'lua'
  | 'powershell'
  | 'osascript'
  | 'groovy'
  | 'jshell'
  | 'tclsh';

export interface InterpreterKind {
  /** The language of its code. */
  language: 'python' | 'node' | 'perl' | 'ruby' | 'php' | 'r' | 'julia' | 'lua' | 'powershell' | 'applescript' | 'groovy' | 'java' | 'tcl';
  names: readonly string[];
  /** Names may end in a version (`python3.12`, `lua5.4`, `julia-1.10`). */
  versioned?: boolean;
}

export const INTERPRETERS: Readonly<Record<InterpreterKey, InterpreterKind>> = {
  python: { language: 'python', names: ['python', 'pypy', 'ipython', 'micropython'], versioned: true },
  // TypeScript runners take node's options.
  node: { language: 'node', names: ['node', 'nodejs', 'tsx', 'ts-node', 'ts-node-esm', 'esno', 'babel-node'] },
  bun: { language: 'node', names: ['bun'] },
  deno: { language: 'node', names: ['deno'] },
  perl: { language: 'perl', names: ['perl'], versioned: true },
  ruby: { language: 'ruby', names: ['ruby', 'jruby', 'truffleruby'], versioned: true },
  irb: { language: 'ruby', names: ['irb'], versioned: true },
  php: { language: 'php', names: ['php'], versioned: true },
  r: { language: 'r', names: ['rscript', 'r'] },
  julia: { language: 'julia', names: ['julia'], versioned: true },
  lua: { language: 'lua', names: ['lua', 'luajit'], versioned: true },
  powershell: { language: 'powershell', names: POWERSHELLS },
  osascript: { language: 'applescript', names: ['osascript'] },
  groovy: { language: 'groovy', names: ['groovy'] },
  jshell: { language: 'java', names: ['jshell'] },
  tclsh: { language: 'tcl', names: ['tclsh', 'wish'], versioned: true },
};

const VERSION = /(?:[0-9.]+|-[0-9][0-9.]*)$/;

/**
 * The interpreter a command name runs, if any. Names are matched whatever their case and without a
 * Windows `.exe` (`Rscript`, `pwsh.exe`); versioned names may end in a version (`python3.12`, `julia-1.10`).
 * Asked for every word in command position by several rules: answered once per name.
 */
export const interpreterKind = boundedMemo((name: string): InterpreterKey | undefined => {
  const n = name.toLowerCase().replace(/\.exe$/, '');
  for (const [key, kind] of Object.entries(INTERPRETERS) as [InterpreterKey, InterpreterKind][]) {
    if (kind.names.includes(n)) return key;
    if (kind.versioned) {
      const base = n.replace(VERSION, '');
      if (base !== n && kind.names.includes(base)) return key;
    }
  }
  return undefined;
}, 4096);

/** SQL clients whose SQL the SQL analyser reads, with their dialect; `like`: the client whose commands (`\i`, `source`, `.read`) it shares. */
export const SQL_CLIENTS: Readonly<Record<string, { dialect: Dialect; like?: string }>> = {
  psql: { dialect: 'postgresql' },
  mysql: { dialect: 'mysql' },
  mariadb: { dialect: 'mariadb', like: 'mysql' },
  sqlite3: { dialect: 'sqlite' },
  sqlite: { dialect: 'sqlite', like: 'sqlite3' },
  sqlcmd: { dialect: 'transactsql' },
  bq: { dialect: 'bigquery' },
};

/** Programs whose output comes from the network (`curl … | sh`). */
export const DOWNLOADERS: readonly string[] = [
  'curl',
  'wget',
  'wget2',
  'fetch',
  'aria2c',
  'axel',
  'http',
  'https',
  'xh',
  'xhs',
  'curlie',
  'lwp-request',
  'lwp-download',
  'get',
  'lynx',
  'links',
  'w3m',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'telnet',
  'openssl',
  'ftp',
  'tftp',
  'sftp',
  'scp',
  'ssh',
  'iwr',
  'irm',
  'invoke-webrequest',
  'invoke-restmethod',
  'gsutil',
  'aws',
  'gcloud',
  'az',
  'rclone',
  'gh',
];

/** Programs that send what they are given to another host (files, their input, their arguments). */
export const NETWORK_SENDERS: readonly string[] = [
  'curl',
  'wget',
  'wget2',
  'http',
  'https',
  'xh',
  'xhs',
  'curlie',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'telnet',
  'scp',
  'sftp',
  'rsync',
  'ftp',
  'tftp',
  'lftp',
  'ncftpput',
  'ssh',
  'aws',
  'gsutil',
  'gcloud',
  'az',
  'rclone',
  'mail',
  'mailx',
  'sendmail',
  'mutt',
  'gh',
  'pastebinit',
  'smbclient',
  'mc',
  'transfer',
  'croc',
  'magic-wormhole',
  'wormhole',
];

/** Senders that put their input on the wire as it is (no upload format around it). */
export const RAW_SENDERS: readonly string[] = [
  'curl',
  'wget',
  'wget2',
  'http',
  'https',
  'xh',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'telnet',
  'openssl',
];

/** Programs that always turn an encoded payload back into text. */
export const DECODERS: readonly string[] = [
  'uudecode',
  'gunzip',
  'zcat',
  'bunzip2',
  'bzcat',
  'unxz',
  'xzcat',
  'zstdcat',
  'unzstd',
  'rev',
  'tr',
  'lzcat',
  'unlzma',
];

/** Programs that decode with `-d`/`-D`/`--decode` (and encode without). */
export const DECODERS_WITH_OPTION: readonly string[] = ['base64', 'base32', 'basenc', 'gzip', 'bzip2', 'xz', 'zstd', 'lzma'];

// Perl's capabilities. Builtins are global names (`system`, `unlink`, `open`), also reached as
// `CORE::system` and `&system`. Code references and symbol tables (`&$f`, `$f->()`, `->$m`,
// `*{"…"}`, `%main::`), string eval, `do FILE` and modules that run programs or open sockets block.
import type { Token } from './tokens.js';
import {
  BLOCK,
  callArgs,
  each,
  literal,
  positional,
  type CapabilityTable,
  type CheckContext,
  type Declarations,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

/** Packages whose functions run programs, open sockets, upload, or load native code. */
const BLOCKED_PACKAGES =
  /^(?:IPC|Shell|Socket|IO::Socket|IO::Pty|Net|LWP|HTTP|WWW|Mojo::UserAgent|Inline|FFI|XSLoader|DynaLoader|Expect|Proc|Sys::Syscall|B|Safe|Opcode|File::Slurp|File::Slurper|Path::Tiny|Archive|CORE::GLOBAL|UNIVERSAL)(?:::|$)/;

/**
 * `open FH, MODE, PATH` or `open FH, EXPR`: a pipe runs a program (read by the shell-call reader),
 * a write mode changes a file (read by the file-call reader), anything else only reads.
 */
export function perlOpenMode(args: ReturnType<typeof positional>): 'read' | 'pipe' | 'write' | null {
  const mode = literal(args[1]);
  if (mode === null || args.length < 2) return null;
  const m = mode.trim();
  if (args.length === 2) {
    if (/^\||\|$/.test(m)) return 'pipe';
    if (/^(?:>-|>&(?:STDOUT|STDERR|[12])|-|<-)$/.test(m)) return 'read';
    return /^(?:\+?>|>>|\+<)/.test(m) ? 'write' : 'read';
  }
  if (m === '-|' || m === '|-') return 'pipe';
  if (/^<(?::.*)?$/.test(m) || /^\+?[<>]&=?$/.test(m) || /^>>?&=?$/.test(m)) return 'read';
  return /^(?:\+?>|>>|\+<)/.test(m) ? 'write' : null;
}

function judgeOpen(use: Use): Verdict {
  const args = callArgs(use);
  if (!args) return BLOCK;
  const mode = perlOpenMode(positional(args));
  if (mode === null) return { problem: `${use.name} with a mode or file only known when the code runs (it may open a pipe)` };
  return mode === 'pipe' ? 'shell' : mode === 'write' ? 'file' : 'read';
}

/** `eval { … }` and `do { … }` are blocks; `eval $string` and `do FILE` run code. */
const blockOrCode = (use: Use): Verdict => (use.tokens[use.last + 1]?.text === '{' ? 'read' : BLOCK);

/** `require Module` loads a module by name; `require $x` or `require "file"` runs code we do not read. */
function judgeRequire(use: Use): Verdict {
  const next = use.tokens[use.last + 1];
  return next && ((next.kind === 'name' && !next.sigil) || next.kind === 'number') ? 'read' : BLOCK;
}

const PERL_MEMBERS: Record<string, Judge> = {
  ...each('', 'system exec readpipe', 'shell'),
  open: judgeOpen,
  ...each(
    '',
    'unlink rmdir rename chmod chown mkdir link symlink utime truncate kill rmtree remove_tree mkpath make_path copy move',
    'file',
  ),
  ...each(
    '',
    'File::Path::rmtree File::Path::remove_tree File::Path::mkpath File::Path::make_path File::Copy::copy File::Copy::move File::Copy::cp File::Copy::mv',
    'file',
  ),
  ...each(
    '',
    'fork pipe socket socketpair connect send bind syscall sysopen dump dbmopen open2 open3 remove mkfifo creat setuid setgid lchown dup2 write_file append_file edit_file edit_file_lines overwrite_file write_text write_binary',
    BLOCK,
  ),
  ...each(
    '',
    'POSIX::remove POSIX::mkfifo POSIX::creat POSIX::setuid POSIX::setgid POSIX::lchown POSIX::dup2 POSIX::open POSIX::write POSIX::system POSIX::execvp',
    BLOCK,
  ),
  eval: blockOrCode,
  do: blockOrCode,
  require: judgeRequire,
};

const PERL_METHODS: Record<string, Judge> = each(
  '',
  'can post put patch request mirror spew spew_utf8 spew_raw append append_utf8 append_raw remove remove_tree move copy chmod touch touchpath mkpath edit edit_lines edit_utf8 openw opena system exec cmd rmtree unlink',
  BLOCK,
);

/** `use Module …;` / `no Module;`: modules that run programs or open sockets block. */
function declarations(tokens: Token[]): Declarations {
  const out: Declarations = { bindings: new Map(), skip: new Set(), problems: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name' || t.sigil || (t.value !== 'use' && t.value !== 'no') || (i > 0 && !/^[;{}]$/.test(tokens[i - 1]!.text)))
      continue;
    const mod = tokens[i + 1];
    if (mod?.kind === 'name' && BLOCKED_PACKAGES.test(mod.value))
      out.problems.push(`use ${mod.value}: a module that runs programs, opens sockets or loads native code`);
    let j = i;
    while (j < tokens.length && tokens[j]!.text !== ';') out.skip.add(j++);
  }
  return out;
}

function check(ctx: CheckContext): void {
  const { tokens, problem } = ctx;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === 'name' && t.sigil) {
      if (t.sigil.startsWith('&') && (t.value === '' || t.sigil.length > 1)) problem(`${t.text}: calls a code reference`);
      else if (t.sigil === '*' && (t.value === '' || next?.text === '=')) problem(`${t.text}: a typeglob may alias any function`);
      else if ((t.sigil === '%' || t.sigil === '$' || t.sigil === '@') && /(?:^|::)$/.test(t.value) && t.value !== '')
        problem(`${t.text}: the symbol table reaches every function`);
      else if (t.sigil === '$' && t.value.endsWith('::') && next?.text === '{')
        problem(`${t.text}: the symbol table reaches every function`);
    } else if (t.kind === 'punct' && t.text === '->') {
      if (next?.text === '(' || next?.text === '&') problem('->(…): calls a code reference');
      else if (next?.kind === 'name' && next.sigil) problem(`->${next.text}: a method chosen when the code runs`);
    } else if (
      t.kind === 'name' &&
      !t.sigil &&
      BLOCKED_PACKAGES.test(t.value) &&
      t.value.includes('::') &&
      tokens[i - 1]?.value !== 'use' &&
      tokens[i - 1]?.value !== 'no'
    ) {
      problem(`${t.value}: a module that runs programs, opens sockets or loads native code`);
    }
  });
}

export const PERL: CapabilityTable = {
  globals: Object.fromEntries(Object.keys(PERL_MEMBERS).map((n) => [n, n])),
  members: PERL_MEMBERS,
  strict: [],
  methods: PERL_METHODS,
  declarations,
  check,
  // `CORE::system`, `::system` and `main::system` are `system`.
  normalize: (name) => name.replace(/^(?:CORE::(?!GLOBAL)|main::|::)/, ''),
};

// Tcl's capabilities: exec, open (pipes and writes), file delete/rename/copy, sockets, and the
// commands that evaluate text (eval, uplevel, subst, source, expr without braces, after with a
// script). A command word built at run time (`$cmd`, `[…]` where a command starts) blocks.
import { BLOCK, each, type CapabilityTable, type CheckContext, type Judge, type Use, type Verdict } from './table.js';

const FILE_READS = new Set(
  `exists isfile isdirectory size mtime atime join dirname tail extension rootname normalize split type readable writable executable
  nativename stat lstat separator pathtype home tempdir owned readlink system volumes channels`.split(/\s+/),
);

const ends = (t: { text: string; newline?: boolean } | undefined): boolean => !t || !!t.newline || t.text === ';' || t.text === ']';

/** `open f.txt` and `open f.txt r` read; a pipe (`open "|cmd"`) or another mode does not. */
function judgeOpen(use: Use): Verdict {
  const path = use.tokens[use.last + 1];
  const mode = use.tokens[use.last + 2];
  const literalPath = path !== undefined && !path.sigil && path.text !== '[' && !path.dynamic && !path.value.startsWith('|');
  if (literalPath && (ends(mode) || (/^(r|RDONLY)$/.test(mode!.value) && ends(use.tokens[use.last + 3])))) return 'read';
  return { problem: 'open with a pipe, a write mode or a name only known when the code runs' };
}

/** `expr {…}`, `if {…}`: an unbraced expression is substituted twice (commands in values run). */
const braced = (use: Use): Verdict =>
  use.tokens[use.last + 1]?.text === '{' ? 'read' : { problem: `${use.name} without braces evaluates the values it substitutes` };

const TCL_MEMBERS: Record<string, Judge> = {
  ...each(
    '',
    'exec socket eval uplevel source load interp subst rename namespace apply trace unknown auto_load auto_execok tailcall coroutine chan tcl_interactive',
    BLOCK,
  ),
  open: judgeOpen,
  file: (use) =>
    FILE_READS.has(use.tokens[use.last + 1]?.value ?? '')
      ? 'read'
      : { problem: `file ${use.tokens[use.last + 1]?.value ?? ''} may change files` },
  package: (use) =>
    /^(require|provide|vcompare|vsatisfies|present|names|versions)$/.test(use.tokens[use.last + 1]?.value ?? '') ? 'read' : BLOCK,
  after: (use) =>
    use.tokens[use.last + 1]?.kind === 'number' && ends(use.tokens[use.last + 2])
      ? 'read'
      : { problem: 'after with a script to run later' },
  ...each('', 'expr if while', braced),
};

/** Braces that hold a script (a body after a condition or list), not a condition or data. */
function scriptBrace(tokens: CheckContext['tokens'], i: number): boolean {
  const before = tokens[i - 1];
  return before === undefined || before.text === '}' || !!before.sigil || /^(else|then|catch|try|finally|time)$/.test(before.value);
}

/** Where a command starts: a word built at run time names an unknown command. */
function check(ctx: CheckContext): void {
  ctx.tokens.forEach((t, i) => {
    const prev = ctx.tokens[i - 1];
    const atStart =
      i === 0 || t.newline || prev?.text === ';' || prev?.text === '[' || (prev?.text === '{' && scriptBrace(ctx.tokens, i - 1));
    if (atStart && ((t.kind === 'name' && t.sigil) || t.text === '[' || (t.text === '{' && ctx.tokens[i + 1]?.text === '*')))
      ctx.problem(`${t.text}: a command named when the code runs`);
  });
}

export const TCL: CapabilityTable = {
  globals: Object.fromEntries(Object.keys(TCL_MEMBERS).map((n) => [n, n])),
  members: TCL_MEMBERS,
  strict: [],
  methods: {},
  check,
};

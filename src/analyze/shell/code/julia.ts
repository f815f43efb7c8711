// Julia's capabilities: commands in backticks are values that run when given to run, read, open,
// pipeline or success; file functions (rm, mv, cp, write to a path); evaluation (eval, include,
// Meta.parse, getfield on a module, ccall); and packages that install or reach the network.
import type { Token } from './tokens.js';
import {
  BLOCK,
  callArgs,
  each,
  positional,
  writesMode,
  type CapabilityTable,
  type Declarations,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

/** `read("file.txt", String)` and `read(stdin, …)` read; a command or a variable that may hold one runs it. */
function judgeRead(use: Use): Verdict {
  const arg = use.tokens[use.last + 2];
  const literalPath = arg?.kind === 'string' && !arg.text.startsWith('`') && !arg.dynamic;
  const stdio = arg?.kind === 'name' && arg.value === 'stdin';
  if (use.tokens[use.last + 1]?.text !== '(' || !(literalPath || stdio))
    return { problem: `${use.name} of a command or a value that may hold one` };
  return use.name === 'open' && writesMode(positional(callArgs(use) ?? [])[1]) && positional(callArgs(use) ?? [])[1]
    ? { problem: `${use.name} for writing` }
    : 'read';
}

const JULIA_MEMBERS: Record<string, Judge> = {
  ...each('', 'run pipeline success detach', BLOCK),
  ...each('', 'read readchomp readlines eachline readline readavailable open', judgeRead),
  write: (use) => (/^(stdout|stderr)$/.test(use.tokens[use.last + 2]?.value ?? '') ? 'read' : { problem: `${use.name} may write a file` }),
  ...each('', 'rm mv cp chmod chown touch mkdir mkpath symlink hardlink', 'file'),
  ...each(
    '',
    'eval include include_string evalfile ccall cglobal getfield getproperty setfield! setproperty! invoke invokelatest kill download addprocs remotecall',
    BLOCK,
  ),
  ...each('HTTP', 'get head request_uri', 'read'),
  ...each('Pkg', 'status dependencies project', 'read'),
};

/** `using Pkg`, `import Base.run`: naming a module to load is no use of it (`Pkg.add` is). */
function declarations(tokens: Token[]): Declarations {
  const out: Declarations = { bindings: new Map(), skip: new Set(), problems: [] };
  tokens.forEach((t, i) => {
    if (t.kind !== 'name' || (t.value !== 'using' && t.value !== 'import') || (i > 0 && !t.newline && tokens[i - 1]!.text !== ';')) return;
    for (let j = i; j < tokens.length && (j === i || !tokens[j]!.newline) && tokens[j]!.text !== ';'; j++) out.skip.add(j);
  });
  return out;
}

export const JULIA: CapabilityTable = {
  declarations,
  globals: {
    ...Object.fromEntries(
      Object.keys(JULIA_MEMBERS)
        .filter((k) => !k.includes('.'))
        .map((n) => [n, n]),
    ),
    Base: 'Base',
    Core: 'Base',
    Main: 'Base',
    Libc: 'Libc',
    Meta: 'Meta',
    Sockets: 'Sockets',
    Downloads: 'Downloads',
    HTTP: 'HTTP',
    Pkg: 'Pkg',
    Distributed: 'Distributed',
  },
  members: JULIA_MEMBERS,
  strict: ['Libc', 'Meta', 'Sockets', 'Downloads', 'HTTP', 'Pkg', 'Distributed'],
  transparent: ['Base'],
  methods: each('', 'run eval', BLOCK),
};

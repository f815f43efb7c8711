// Family: python-modules — standard-library modules run as programs (`python3 -m NAME …`) that run
// code, run another program or module, or write and delete files. A module's spec is named
// `python -m NAME` (the module is not the program of that name: `python -m profile` is not bcc's profile) and is
// found by file-runs.ts for any Python interpreter's `-m`. Their command lines are parsed by
// argparse or getopt, which take unique prefixes of long options.
import type { OperandDecl, OptionDecl, ProgramSpec } from '../spec.js';
import { flag, harmless, valued } from './builders.js';

const PYTHON_CODE = { kind: 'code', language: 'python' } as const;
const READS = { kind: 'path', access: 'read' } as const;
const WRITES = { kind: 'path', access: 'write' } as const;
/** A folder files land in, under names the command line does not say. */
const INTO = { kind: 'path', access: 'destination' } as const;
const HELP = harmless('-h', '--help');
/** `python -m cProfile app.py args`: Python runs the script with its arguments. */
const RUNS_SCRIPT: OperandDecl[] = [{ kind: 'command', rest: true, program: ['python3'] }];
/** `… -m mod args`: Python runs the module. */
const RUNS_MODULE: OperandDecl[] = [{ kind: 'command', rest: true, program: ['python3', '-m'] }];
const moduleFlag = (...names: string[]): OptionDecl => ({ names, operands: RUNS_MODULE });

function module(name: string, summary: string, spec: Omit<ProgramSpec, 'names' | 'family' | 'summary'>): ProgramSpec {
  return { names: [`python -m ${name}`], family: 'python-modules', summary, prefixes: true, unknown: 'block', ...spec };
}

/** cProfile and profile: `[-o OUT] [-s SORT] (-m MODULE | SCRIPT) [ARGS]`. */
const profiler = (name: string): ProgramSpec =>
  module(name, `${name}: runs a script or module (-m) under the profiler; -o writes the statistics`, {
    optionsFirst: true,
    options: [{ names: ['-o', '--outfile'], value: 'required', role: WRITES }, valued('-s', '--sort'), moduleFlag('-m'), HELP],
    operands: RUNS_SCRIPT,
    examples: {
      block: [`python3 -m ${name} -m timeit -s 'import os; os.system("rm -rf ~")' 1`, `python3 -m ${name} -o /etc/passwd app.py`],
      allow: [`python3 -m ${name} -s cumtime -m pytest -q`, `python3 -m ${name} -o prof.out -m pytest`],
    },
  });

export const PYTHON_MODULES: ProgramSpec[] = [
  module('timeit', 'timeit: runs its setup (-s) and statements as Python code, many times', {
    optionsFirst: true,
    options: [
      valued('-n', '--number'),
      valued('-r', '--repeat'),
      // Setup and statements run as one program: each is joined to the others with newlines.
      { names: ['-s', '--setup'], value: 'required', role: PYTHON_CODE },
      valued('-u', '--unit'),
      flag('-p', '--process'),
      flag('-v', '--verbose'),
      HELP,
    ],
    operands: [{ ...PYTHON_CODE, rest: true }],
    examples: {
      block: [
        `python3 -m timeit -s 'import os; os.system("rm -rf ~")' 1`,
        `python3 -m timeit -s 'import shutil as s' 's.rmtree("/etc")'`,
        `python3 -m timeit --set='import os' 'os.system("rm -rf ~")'`,
      ],
      allow: ['python3 -m timeit -n 1000 "sum(range(100))"', `python3 -m timeit -s 'import json' 'json.dumps({"a": 1})'`],
    },
  }),
  module('venv', 'venv: creates a virtual environment in each folder; --clear first deletes what the folder holds', {
    verb: { effect: 'write', why: 'creates a virtual environment' },
    options: [
      { names: ['--clear'], operands: [{ kind: 'path', access: 'delete', rest: true }] },
      valued('--prompt'),
      ...[
        '--system-site-packages',
        '--symlinks',
        '--copies',
        '--upgrade',
        '--without-pip',
        '--upgrade-deps',
        '--without-scm-ignore-files',
      ].map((n) => flag(n)),
      HELP,
    ],
    operands: [{ ...WRITES, rest: true }],
    examples: {
      block: ['python3 -m venv --clear /etc', 'python3 -m venv --clear ~'],
      allow: ['python3 -m venv .venv', 'python3 -m venv --clear .venv', 'python3 -m venv --upgrade-deps /tmp/env'],
    },
  }),
  module('zipfile', 'zipfile: lists, tests, creates (-c) or extracts (-e ZIP DIR) zip archives', {
    options: [
      { names: ['-e', '--extract'], value: 'required', role: READS, operands: [INTO] },
      { names: ['-c', '--create'], value: 'required', role: WRITES, operands: [{ ...READS, rest: true }] },
      { names: ['-l', '--list'], value: 'required', role: READS },
      { names: ['-t', '--test'], value: 'required', role: READS },
      valued('--metadata-encoding'),
      HELP,
    ],
    examples: {
      block: ['python3 -m zipfile -e x.zip /etc', 'python3 -m zipfile -e x.zip ~/.ssh'],
      allow: ['python3 -m zipfile -l x.zip', 'python3 -m zipfile -e x.zip build/unpacked', 'python3 -m zipfile -c out.zip src'],
    },
  }),
  module('tarfile', 'tarfile: lists, tests, creates (-c) or extracts (-e TAR [DIR]) tar archives', {
    options: [
      { names: ['-e', '--extract'], value: 'required', role: READS, operands: [INTO] },
      { names: ['-c', '--create'], value: 'required', role: WRITES, operands: [{ ...READS, rest: true }] },
      { names: ['-l', '--list'], value: 'required', role: READS },
      { names: ['-t', '--test'], value: 'required', role: READS },
      valued('--filter'),
      flag('-v', '--verbose'),
      HELP,
    ],
    examples: {
      block: ['python3 -m tarfile -e x.tar /etc', 'python3 -m tarfile -e x.tar ~/.ssh'],
      allow: ['python3 -m tarfile -l x.tar', 'python3 -m tarfile -e x.tar build/unpacked'],
    },
  }),
  module('json.tool', 'json.tool: reads JSON and prints it again, to its second operand when given', {
    options: [
      valued('--indent'),
      ...['--sort-keys', '--no-ensure-ascii', '--json-lines', '--tab', '--no-indent', '--compact', '--no-color', '--color'].map((n) =>
        flag(n),
      ),
      HELP,
    ],
    operands: [READS, WRITES],
    examples: {
      block: ['python3 -m json.tool in.json /etc/passwd', 'python3 -m json.tool in.json ~/.bashrc'],
      allow: ['python3 -m json.tool package.json', 'python3 -m json.tool in.json out.json', 'echo "{}" | python3 -m json.tool'],
    },
  }),
  profiler('cProfile'),
  profiler('profile'),
  module('trace', 'trace: runs a script (or with --module a module) and writes counts and coverage files', {
    optionsFirst: true,
    options: [
      ...[
        ['-c', '--count'],
        ['-t', '--trace'],
        ['-l', '--listfuncs'],
        ['-T', '--trackcalls'],
        ['-r', '--report'],
        ['-R', '--no-report'],
        ['-m', '--missing'],
        ['-s', '--summary'],
        ['-g', '--timing'],
      ].map((n) => flag(...n)),
      { names: ['-f', '--file'], value: 'required', role: WRITES },
      { names: ['-C', '--coverdir'], value: 'required', role: WRITES },
      valued('--ignore-module'),
      valued('--ignore-dir'),
      moduleFlag('--module'),
      HELP,
      harmless('--version'),
    ],
    operands: RUNS_SCRIPT,
    examples: {
      block: [
        `python3 -m trace --count --module timeit -s 'import os; os.system("rm -rf ~")' 1`,
        'python3 -m trace -c -f /etc/passwd app.py',
      ],
      allow: ['python3 -m trace --count -C cover --module pytest', 'python3 -m trace --listfuncs app.py'],
    },
  }),
  module('pdb', 'pdb: runs a script (or with -m a module) under the debugger; -c runs debugger commands first', {
    optionsFirst: true,
    options: [
      // Debugger commands run Python (`!import os`); only ones that just move on are read.
      {
        names: ['-c', '--command'],
        value: 'required',
        role: { kind: 'code', language: 'pdb', inert: '^(c|cont|continue|n|next|s|step|q|quit)$' },
      },
      moduleFlag('-m'),
      valued('-p', '--pid'),
      HELP,
    ],
    operands: RUNS_SCRIPT,
    examples: {
      block: [
        `python3 -m pdb -m timeit -s 'import os; os.system("rm -rf ~")' 1`,
        `python3 -m pdb -c '!import os; os.system("rm -rf ~")' app.py`,
      ],
      allow: ['python3 -m pdb app.py', 'python3 -m pdb -c continue -m pytest -x'],
    },
  }),
  module('runpy', 'runpy: runs the module its first operand names, with the rest as its arguments', {
    optionsFirst: true,
    operands: RUNS_MODULE,
    examples: { block: ['python3 -m runpy timeit -s \'import os; os.system("rm -rf ~")\' 1'], allow: ['python3 -m runpy pytest -q'] },
  }),
  module('code', 'code: an interactive interpreter that runs the Python it reads from standard input', {
    stdin: PYTHON_CODE,
    examples: { block: [`python3 -m code <<< 'import os; os.system("rm -rf ~")'`], allow: [`python3 -m code <<< 'print(1 + 1)'`] },
  }),
];

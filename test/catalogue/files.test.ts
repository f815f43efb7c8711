// Files a command runs are read when it is judged (src/analyze/shell/file-runs.ts, with the reader of
// src/adapters/file-reader.ts): scripts given to shells or sourced, programs run by their path, code
// files given to interpreters, SQL files given to database clients. Judged through the real analyser
// and safe_defaults in a scratch project of real files, and end to end through bin/seatbelt. Nothing
// here runs any of these commands: they are strings the analyser reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnalyzeContext } from '../../src/core/types.js';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { MAX_PROGRAM_FILE_BYTES, readProgramFile } from '../../src/adapters/file-reader.js';
import { seatbelt } from '../e2e/helpers.js';

/** The scratch project: files a command may run, with what they hold. */
const FILES: Record<string, string> = {
  'migrations/001_create.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\nCREATE INDEX users_name ON users (name);\n',
  'migrations/002_drop.sql': 'DROP TABLE users;\n',
  'migrations/003_include.sql': '\\ir 002_drop.sql\n',
  'migrations/loop.sql': '\\i migrations/loop.sql\nSELECT 1;\n',
  'scripts/test.sh': '#!/bin/bash\nset -euo pipefail\nnpm test\n',
  'scripts/nuke.sh': '#!/bin/sh\nrm -rf ~\n',
  'scripts/plain': 'rm -rf /\n',
  'scripts/self.sh': '#!/bin/sh\n./scripts/self.sh\n',
  'scripts/clean.py': "#!/usr/bin/env python3\nimport shutil\nshutil.rmtree('/')\n",
  'scripts/env-s.py': "#!/usr/bin/env -S python3 -u\nimport shutil\nshutil.rmtree('/')\n",
  'scripts/hello.py': "print('hello')\n",
  'scripts/hello.js': "console.log('hello');\n",
  'scripts/wipe.js': "require('child_process').execSync('rm -rf ~');\n",
  'manage.py':
    '#!/usr/bin/env python\nimport os, sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n',
  // A Gradle wrapper as generated: read, it would not be decided (eval, exec "$JAVACMD"); its spec judges it.
  gradlew: '#!/bin/sh\neval set -- $(printf "%s\\n" "$JAVA_OPTS" | xargs -n1)\nexec "$JAVACMD" "$@"\n',
  // Installed by a package manager, not written by the agent: not read (read, they would not be decided).
  '.venv/pyvenv.cfg': 'home = /usr/bin\ninclude-system-site-packages = false\n',
  '.venv/bin/activate': 'deactivate () {\n  PS1="${_OLD_VIRTUAL_PS1:-}"\n}\nPS1="(.venv) ${PS1:-}"\nexport PS1\n',
  'node_modules/.bin/eslint': '#!/usr/bin/env node\nrequire(process.env.ESLINT_ENTRY);\n',
  // Not a virtual environment: a bin/ folder of the project's own is read.
  'tools/bin/activate': 'eval "$SETUP"\n',
};

let root: string;
let home: string;
let project: string;
let ctx: AnalyzeContext;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'seatbelt-files-'));
  home = path.join(root, 'home');
  project = path.join(home, 'project');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), text, { mode: 0o755 });
  }
  mkdirSync(path.join(project, 'bin'));
  copyFileSync('/bin/true', path.join(project, 'bin/tool'));
  writeFileSync(path.join(project, 'big.sql'), `SELECT 1;\n${'-- padding\n'.repeat(MAX_PROGRAM_FILE_BYTES / 8)}`);
  writeFileSync(path.join(project, 'big.sh'), `echo hi\n${'# padding\n'.repeat(MAX_PROGRAM_FILE_BYTES / 8)}`);
  execFileSync('mkfifo', [path.join(project, 'fifo')]);
  writeFileSync(path.join(home, '.bashrc'), 'eval "$(dircolors -b)"\n');
  ctx = { cwd: project, home, projectRoot: project, readFile: readProgramFile };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function decide(script: string, context: AnalyzeContext = ctx) {
  const analysis = await defaultAnalyzer.analyze({ kind: 'shell', script }, context);
  return applyPolicy(analysis, SAFE_DEFAULTS, undefined, { ctx: context });
}

/** [script, decision, a rule among the blocking matches]. */
type Case = [string, 'allow' | 'block', string?];

function judge(cases: Case[]): void {
  for (const [script, decision, rule] of cases) {
    it(`${decision}s ${JSON.stringify(script)}`, async () => {
      const d = await decide(script);
      const why = d.matches.map((m) => `${m.ruleId}: ${m.evidence}`).join('; ');
      expect(d.decision, why).toBe(decision);
      if (rule)
        expect(
          d.blocking.map((m) => m.ruleId),
          why,
        ).toContain(rule);
    });
  }
}

describe('SQL files are read and judged', () => {
  judge([
    ['psql -f migrations/001_create.sql', 'allow'],
    ['psql app -f migrations/002_drop.sql', 'block', 'sql.drop'],
    ['psql app < migrations/002_drop.sql', 'block', 'sql.drop'],
    ['cat migrations/002_drop.sql | psql app', 'block', 'sql.drop'],
    ['mysql shop < migrations/001_create.sql', 'allow'],
    ['sqlite3 app.db < migrations/002_drop.sql', 'block', 'sql.drop'],
    ['sqlite3 app.db ".read migrations/002_drop.sql"', 'block', 'sql.drop'],
    ["psql app -c '\\i migrations/002_drop.sql'", 'block', 'sql.drop'],
    ['psql -f migrations/003_include.sql', 'block', 'sql.drop'],
    ["mysql shop -e 'source migrations/002_drop.sql'", 'block', 'sql.drop'],
    ['sqlcmd -i migrations/001_create.sql,migrations/002_drop.sql', 'block', 'sql.drop'],
    ['sqlite3 -init migrations/002_drop.sql app.db', 'block', 'sql.drop'],
    ['duckdb app.duckdb -f migrations/002_drop.sql', 'block', 'sql.drop'],
    ['psql -f migrations/loop.sql', 'allow'],
    // The client fails to open it: nothing runs.
    ['psql -f missing.sql', 'allow'],
    ['psql -f big.sql', 'block', 'limits.input_too_large'],
    ['psql -f migrations', 'block', 'parse.unreadable_file'],
    ['psql -f bin/tool', 'block', 'parse.unreadable_file'],
    ['psql -f fifo', 'block', 'parse.unreadable_file'],
    ['psql -f "$MIGRATION"', 'block', 'parse.dynamic_script'],
    ['pg_dump app | psql app_copy', 'block', 'databases.dynamic_sql'],
    ['clickhouse-client --queries-file migrations/001_create.sql', 'block', 'databases.embedded_sql_unknown_client'],
  ]);
});

describe('scripts and programs run by their path are read and judged', () => {
  judge([
    ['./scripts/test.sh', 'allow'],
    ['bash scripts/test.sh', 'allow'],
    ['chmod +x scripts/test.sh && ./scripts/test.sh', 'allow'],
    ['./scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['bash scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['sh ./scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['. scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['source scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['sudo ./scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['bash < scripts/nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['cd scripts && ./nuke.sh', 'block', 'filesystem.recursive_delete_home'],
    ['./scripts/plain', 'block', 'filesystem.recursive_delete_root'],
    ['python3 scripts/clean.py', 'block', 'filesystem.recursive_delete_root'],
    ['./scripts/clean.py', 'block', 'filesystem.recursive_delete_root'],
    ['./scripts/env-s.py', 'block', 'filesystem.recursive_delete_root'],
    ['node scripts/wipe.js', 'block', 'filesystem.recursive_delete_home'],
    ['python3 scripts/hello.py', 'allow'],
    ['node scripts/hello.js', 'allow'],
    // A compiled program is an unknown program, like any other.
    ['./bin/tool --version', 'allow'],
    ['/bin/true', 'allow'],
    // It does not exist, and nothing in the line makes it: the command fails.
    ['./missing.sh', 'allow'],
    ['bash missing.sh', 'allow'],
    ['bash big.sh', 'block', 'limits.input_too_large'],
    ['bash scripts', 'block', 'parse.unreadable_file'],
    ['bash fifo', 'block', 'parse.unreadable_file'],
    ['bash "$SCRIPT"', 'block', 'parse.dynamic_script'],
    ['cd "$(mktemp -d)" && ./run.sh', 'block', 'parse.unreadable_file'],
    ['./scripts/self.sh', 'block', 'limits.nesting_too_deep'],
    ['source .venv/bin/activate && pytest', 'allow'],
    ['.venv/bin/python -m pytest', 'allow'],
    ['node_modules/.bin/eslint src', 'allow'],
    ['source ~/.bashrc', 'allow'],
    ['source tools/bin/activate', 'block', 'parse.dynamic_script'],
    // A program the catalogue knows by its file's name is judged by its spec, not read.
    ['./gradlew build', 'allow'],
    ['python manage.py migrate', 'allow'],
    ['python manage.py flush --noinput', 'block', 'catalogue.destroy'],
    ['./manage.py flush --noinput', 'block', 'catalogue.destroy'],
  ]);
});

describe('a file written earlier in the same line cannot be judged', () => {
  judge([
    ['cp /bin/rm ./c && ./c -rf ~', 'block', 'files.written_then_run'],
    ['cp /bin/rm . && ./rm -rf ~', 'block', 'files.written_then_run'],
    ["echo 'echo hi' > gen.sh && bash gen.sh", 'block', 'files.written_then_run'],
    ["printf 'SELECT 1;' > q.sql; psql -f q.sql", 'block', 'files.written_then_run'],
    // Written over a file that exists: what runs is the new text, not the one read.
    ["echo 'echo hi' > scripts/test.sh && ./scripts/test.sh", 'block', 'files.written_then_run'],
    ['./scripts/test.sh > test.log', 'allow'],
  ]);
});

describe('without a file reader', () => {
  it('a file a command runs cannot be read, and blocks', async () => {
    const d = await decide('bash scripts/test.sh', { cwd: project, home });
    expect(d.decision).toBe('block');
    expect(d.blocking.map((m) => m.ruleId)).toContain('parse.unreadable_file');
  });
});

describe('the file reader', () => {
  const at = (name: string) => path.join(project, name);
  it('reads a regular text file', () => {
    expect(readProgramFile(at('scripts/test.sh'))).toEqual({ text: FILES['scripts/test.sh'] });
  });
  it('drops a UTF-8 byte order mark', () => {
    writeFileSync(at('bom.sql'), '\uFEFFSELECT 1;\n');
    expect(readProgramFile(at('bom.sql'))).toEqual({ text: 'SELECT 1;\n' });
  });
  it('says why it cannot read', () => {
    const refused = (name: string, limit?: number) => {
      const r = readProgramFile(at(name), limit);
      return 'refused' in r ? r.refused : 'text';
    };
    writeFileSync(at('nul.txt'), 'a\u0000b');
    writeFileSync(at('latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(refused('missing.sh')).toBe('missing');
    expect(refused('scripts/test.sh/x')).toBe('missing');
    expect(refused('scripts')).toBe('not_regular');
    expect(refused('fifo')).toBe('not_regular'); // opened without blocking
    expect(refused('bin/tool')).toBe('binary');
    expect(refused('nul.txt')).toBe('binary');
    expect(refused('latin1.txt')).toBe('binary');
    expect(refused('scripts/test.sh', 10)).toBe('too_large');
  });
});

describe('end to end (bin/seatbelt check, in the scratch project)', () => {
  it('reads the files the commands run', async () => {
    const env = { HOME: home, SEATBELT_HOME: path.join(root, 'seatbelt-home'), SEATBELT_AUDIT: path.join(root, 'audit.jsonl') };
    const cases: [string, 'allow' | 'block'][] = [
      ['psql -f migrations/001_create.sql', 'allow'],
      ['psql -f migrations/002_drop.sql', 'block'],
      ['./scripts/test.sh', 'allow'],
      ['./scripts/nuke.sh', 'block'],
      ['cp /bin/rm ./c && ./c -rf ~', 'block'],
      ['./missing.sh', 'allow'],
    ];
    const input = cases.map(([shell]) => JSON.stringify({ shell })).join('\n');
    const r = await seatbelt(['check', '--jsonl'], { env, input, cwd: project });
    const out = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { decision: string });
    expect(
      out.map((o) => o.decision),
      r.stderr,
    ).toEqual(cases.map(([, d]) => d));
  });
});

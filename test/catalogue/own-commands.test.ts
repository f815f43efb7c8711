// A program's own commands (the catalogue's `commands` role): redis-cli and nsupdate read one a line,
// a Lua script for Redis runs them with redis.call. The reader is tested on its own, and the whole
// path (stdin, here-documents, files read at decision time, pipes from other programs) through the
// analyser. Nothing is ever run: scripts are only judged, files are scratch copies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ownCommands } from '../../src/analyze/shell/own-commands.js';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { specProblems } from '../../src/catalogue/validate.js';
import { readInvocation } from '../../src/catalogue/read.js';
import { specFor } from '../../src/catalogue/index.js';
import { readProgramFile } from '../../src/adapters/file-reader.js';
import type { AnalyzeContext } from '../../src/core/types.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const values = (r: ReturnType<typeof ownCommands>) =>
  'commands' in r ? r.commands.map((c) => c.map((w) => (w.static ? w.value : `?${w.value}`))) : r;

describe('ownCommands: lines', () => {
  it('splits lines into words, with quotes, and skips blanks and comments', () => {
    expect(values(ownCommands('lines', 'SET k "a b"\n\n; note\n# note\nGET \'x y\'\r\n'))).toEqual([
      ['SET', 'k', 'a b'],
      ['GET', 'x y'],
    ]);
  });
  it('refuses an unterminated quote', () => {
    expect(ownCommands('lines', 'SET k "open')).toHaveProperty('undecidable');
  });
});

describe('ownCommands: a Lua script for Redis', () => {
  it('reads every redis.call and redis.pcall, literal arguments as they are, others as run-time words', () => {
    expect(
      values(ownCommands('redis-lua', "local v = redis.call('GET', KEYS[1]) -- x\nredis.pcall(\"DEL\", 'k')\nreturn [[FLUSHALL]]")),
    ).toEqual([
      ['GET', '?KEYS[1]'],
      ['DEL', 'k'],
    ]);
  });
  it('ignores comments and strings that only mention redis, and harmless members', () => {
    expect(values(ownCommands('redis-lua', "--[[ redis.call('FLUSHALL') ]]\nredis.log(redis.LOG_WARNING, 'redis')\nreturn 1"))).toEqual([]);
  });
  for (const code of [
    'return redis.call(KEYS[1])',
    "return redis.call('FLUSH' .. 'ALL')",
    "local c = redis.call; return c('FLUSHALL')",
    "return redis['call']('FLUSHALL')",
    "return loadstring('return 1')()",
    "return _G.redis.call('GET', 'k')",
    "return redis.call('\\70LUSHALL')",
    "return redis.call('GET', 'k'",
  ]) {
    it(`refuses ${JSON.stringify(code)}`, () => {
      expect(ownCommands('redis-lua', code)).toHaveProperty('undecidable');
    });
  }
});

describe('caseInsensitive subcommands', () => {
  it('matches a name whatever its case', () => {
    const inv = readInvocation(specFor('redis-cli')!, [
      { value: 'CoNfIg', static: true, raw: 'CoNfIg' },
      { value: 'GET', static: true, raw: 'GET' },
      { value: 'requirepass', static: true, raw: 'requirepass' },
    ]);
    expect(inv.path).toEqual(['CoNfIg', 'GET']);
    expect(inv.verbs.map((v) => v.effect)).toContain('credential');
  });
  it('is validated: true, on a level with subcommands named in lower case', () => {
    const spec = (level: object): ProgramSpec =>
      ({ names: ['x'], family: 'f', summary: 's', examples: { block: [], allow: ['x'] }, ...level }) as ProgramSpec;
    expect(specProblems([spec({ caseInsensitive: true, subcommands: { get: {} } })])).toEqual([]);
    expect(specProblems([spec({ caseInsensitive: 'yes', subcommands: { get: {} } })]).map((p) => p.path)).toEqual(['x.caseInsensitive']);
    expect(specProblems([spec({ caseInsensitive: true })]).map((p) => p.path)).toEqual(['x.caseInsensitive']);
    expect(specProblems([spec({ caseInsensitive: true, subcommands: { GET: {} } })]).map((p) => p.path)).toEqual(['x.subcommands.GET']);
    expect(specProblems([spec({ stdin: { kind: 'commands', format: 'yaml' } })]).map((p) => p.path)).toEqual(['x.stdin']);
  });
});

describe('commands a program reads, judged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatbelt-own-commands-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'wipe.txt'), 'SELECT 2\nFLUSHDB\n');
  writeFileSync(join(dir, 'reads.txt'), 'PING\nGET a\nKEYS *\n');
  writeFileSync(join(dir, 'wipe.lua'), "-- clears the cache\nreturn redis.call('FLUSHALL')\n");
  writeFileSync(join(dir, 'get.lua'), "return redis.call('GET', KEYS[1])\n");
  writeFileSync(join(dir, 'dns-drop.txt'), 'server ns1.example.net\nzone example.net\nupdate delete www.example.net A\nsend\n');
  writeFileSync(join(dir, 'dns-add.txt'), 'server ns1.example.net\nupdate add www.example.net 300 A 192.0.2.1\nsend\n');
  const ctx: AnalyzeContext = { cwd: dir, home: join(dir, 'home'), projectRoot: dir, readFile: readProgramFile };
  const decide = async (script: string) =>
    applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx });
  const cases: [string, 'block' | 'allow'][] = [
    ['redis-cli < wipe.txt', 'block'],
    ['cat wipe.txt | redis-cli -n 2', 'block'],
    ['redis-cli < reads.txt', 'allow'],
    ['redis-cli --eval wipe.lua', 'block'],
    ['redis-cli --eval get.lua session:1', 'allow'],
    ['redis-cli < /dev/stdin', 'block'],
    ['redis-cli -h cache <<< "$CMDS"', 'block'],
    ['nsupdate dns-drop.txt', 'block'],
    ['nsupdate -k key.conf < dns-drop.txt', 'block'],
    ['nsupdate dns-add.txt', 'allow'],
    ['nsupdate -l < dns-add.txt', 'allow'],
    ['generate-updates | nsupdate', 'block'],
    ['nsupdate <<< "$UPDATES"', 'block'],
  ];
  for (const [script, want] of cases) {
    it(`${want}s ${JSON.stringify(script)}`, async () => {
      const d = await decide(script);
      expect(d.decision, `${d.reason} ${d.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('; ')}`).toBe(want);
    });
  }
});

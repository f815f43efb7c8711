// One option grammar per program: the SQL clients' (src/catalogue/specs/sql-clients.ts), git's global
// options and the interpreters' (src/catalogue/specs/core-tools.ts) are written once, in their specs,
// and the analysis, the rules and `seatbelt sql --exec` derive their tables from them. The tables are
// the ones the copies had; where the copies disagreed, each case below shows the reading now used.
import { describe, expect, it } from 'vitest';
import { optionSpecFrom as scanSpecFrom } from '../../src/analyze/shell/options.js';
import { optionSpecFrom as parseSpecFrom, parseOptions } from '../../src/rules/shell/options.js';
import { interpreterOf } from '../../src/analyze/shell/interpreters.js';
import { programSource } from '../../src/rules/shell/programs.js';
import { gitCall } from '../../src/rules/shell/git-call.js';
import { checkSqlClient } from '../../src/adapters/cli/sql-client.js';
import { GIT_SPEC, PERL_SPEC } from '../../src/catalogue/specs/core-tools.js';
import { MYSQL_SPEC, PSQL_SPEC } from '../../src/catalogue/specs/sql-clients.js';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import type { SimpleCommand, Word } from '../../src/core/ir.js';
import { ctx } from '../rules/shell/helpers.js';

const decide = async (script: string) =>
  (await applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx })).decision;
const word = (value: string): Word => ({ value, static: true, raw: value });
const command = (...words: string[]): SimpleCommand =>
  ({ name: word(words[0]!), args: words.slice(1).map(word), redirects: [], assignments: [] }) as unknown as SimpleCommand;
const sorted = (letters: string | undefined) => [...(letters ?? '')].sort().join('');

describe('tables derived from the specs are the tables the copies had', () => {
  it('psql (analysis and --exec): the same options take a value', () => {
    const s = scanSpecFrom(PSQL_SPEC);
    expect(sorted(s.withArg)).toBe(sorted('cdfhpUvoLTFRP'));
    expect([...(s.longWithArg ?? [])].sort()).toEqual(
      [
        'command',
        'dbname',
        'file',
        'host',
        'port',
        'username',
        'set',
        'variable',
        'output',
        'log-file',
        'table-attr',
        'field-separator',
        'record-separator',
        'pset',
      ].sort(),
    );
  });

  it('mysql: -e -D -h -P -S -u take a value, -p and -# only attached', () => {
    const s = scanSpecFrom(MYSQL_SPEC);
    expect(sorted(s.withArg)).toBe(sorted('eDhPSu'));
    expect(sorted(s.optionalArg)).toBe(sorted('p#'));
    for (const o of [
      'execute',
      'database',
      'host',
      'port',
      'socket',
      'user',
      'default-character-set',
      'defaults-file',
      'defaults-extra-file',
      'login-path',
      'init-command',
      'ssl-ca',
      'ssl-cert',
      'ssl-key',
      'protocol',
      'connect-timeout',
    ]) {
      expect(s.longWithArg, o).toContain(o);
    }
  });

  it('git: the global options of the analysis and of the rules', () => {
    const s = scanSpecFrom(GIT_SPEC);
    expect(sorted(s.flags)).toBe(sorted('pPhv'));
    expect(sorted(s.withArg)).toBe(sorted('Cc'));
    expect([...(s.longWithArg ?? [])].sort()).toEqual(
      ['git-dir', 'work-tree', 'namespace', 'config-env', 'super-prefix', 'list-cmds', 'attr-source'].sort(),
    );
    expect(s.longOptionalArg).toEqual(['exec-path']);
    const g = gitCall(command('git', '-C', 'repo', '--git-dir', '/r/.git', '-c', 'core.pager=less', '--exec-path', 'reset', '--hard'));
    expect(g?.sub).toBe('reset');
    expect(g?.config.get('core.pager')).toBe('less');
  });

  it('the interpreters: code options, options with a value, and those that print and exit', () => {
    expect(interpreterOf('python3')).toMatchObject({ code: 'c', module: 'm', longWithArg: ['check-hash-based-pycs'] });
    expect(sorted(interpreterOf('python3')!.withArg.replace('m', ''))).toBe(sorted('WXQ'));
    expect(interpreterOf('python3')!.exits).toEqual(expect.arrayContaining(['-V', '-VV', '--version', '-h', '--help', '-?']));
    expect(interpreterOf('node')).toMatchObject({
      code: 'ep',
      longCode: ['eval', 'print'],
      withArg: 'rC',
      exits: ['-v', '--version', '-h', '--help'],
    });
    expect(interpreterOf('perl')).toMatchObject({ code: 'eE', withArg: 'I', exits: ['-v', '--version', '-h', '--help'] });
    expect(interpreterOf('ruby')).toMatchObject({ code: 'e', withArg: 'rICE' });
    expect(interpreterOf('php')).toMatchObject({ code: 'rBRE', longCode: ['run', 'process-begin', 'process-code', 'process-end'] });
    expect(interpreterOf('php')!.exits).toEqual([
      '-v',
      '--version',
      '-h',
      '--help',
      '-m',
      '--modules',
      '-i',
      '--info',
      '-l',
      '--syntax-check',
    ]);
  });

  it('the rules read the same code options (python -c, node -e/-p, perl -e/-E, ruby -e, php -r/-B/-R/-E)', () => {
    expect(programSource(command('python3', '-W', 'ignore', '-c', 'print(1)'))?.inline.map((w) => w.value)).toEqual(['print(1)']);
    expect(programSource(command('node', '-r', 'ts-node/register', '-e', 'x()'))?.inline.map((w) => w.value)).toEqual(['x()']);
    expect(programSource(command('perl', '-I', 'lib', '-e', 'x()'))?.inline.map((w) => w.value)).toEqual(['x()']);
    expect(programSource(command('ruby', '-r', 'json', '-e', 'x'))?.inline.map((w) => w.value)).toEqual(['x']);
    expect(programSource(command('php', '-d', 'a=1', '-r', 'x();'))?.inline.map((w) => w.value)).toEqual(['x();']);
    expect(programSource(command('php', '-f', 'x.php'))).toMatchObject({ inline: [], fromStdin: false });
  });
});

describe('where the copies disagreed', () => {
  it('mysql -T and -W are flags (--debug-info, --pipe): read as taking a value they hid the -e after them', async () => {
    expect(await decide(`mysql -T -e 'DROP TABLE users' shop`)).toBe('block');
    expect(await decide(`mysql -W -e 'DROP TABLE users' shop`)).toBe('block');
    expect(() => checkSqlClient(['mysql', '-T', '-e', 'DROP TABLE t'])).toThrow(/--exec:/);
  });

  it('psql has no -C: a flag to the reader (psql refuses it), so it hides no -c', async () => {
    expect(sorted(scanSpecFrom(PSQL_SPEC).withArg)).not.toContain('C');
    expect(await decide(`psql -C -c 'DROP TABLE users'`)).toBe('block');
  });

  it('mysql --init-command-add runs SQL like --init-command (the analysis did not read it)', async () => {
    expect(await decide(`mysql --init-command-add='DROP TABLE users' shop`)).toBe('block');
    expect(() => checkSqlClient(['mysql', '--init-command-add=DROP TABLE t'])).toThrow(/--exec:/);
  });

  it('seatbelt sql --exec: options that run what was not judged are refused (mysql --pager, sqlite3 -A, sqlcmd --query)', () => {
    expect(() => checkSqlClient(['mysql', '--pager=less', 'shop'])).toThrow(/--exec:/);
    expect(() => checkSqlClient(['sqlite3', 'app.db', '-A', '-x'])).toThrow(/--exec:/);
    expect(() => checkSqlClient(['sqlcmd', '--query', 'DROP TABLE t'])).toThrow(/--exec:/);
    expect(() => checkSqlClient(['sqlcmd', '--input-file=evil.sql'])).toThrow(/--exec:/);
  });

  it('sqlite3 -lookaside and -pagecache take two words in --exec too (the analysis already read them so)', () => {
    expect(checkSqlClient(['sqlite3', '-lookaside', '100', '200', 'app.db'])).toBe('sqlite');
    expect(() => checkSqlClient(['sqlite3', '-lookaside', '100', '200', 'app.db', 'DROP TABLE t'])).toThrow(/--exec:/);
  });

  it('git --list-cmds takes a value in the rules too, as in the analysis (git refuses it without =, so nothing runs)', () => {
    expect(gitCall(command('git', '--list-cmds=main', 'reset', '--hard'))?.sub).toBe('reset');
    expect(gitCall(command('git', '--list-cmds', 'main', 'reset', '--hard'))?.sub).toBe('reset');
  });

  it('python -Q takes a value in the rules too; node options with a value (-C, --loader, --max-old-space-size…) everywhere', async () => {
    expect(programSource(command('python2', '-Q', 'new', '-c', 'x'))?.inline.map((w) => w.value)).toEqual(['x']);
    expect(programSource(command('node', '-C', 'development', '-e', 'x()'))?.inline.map((w) => w.value)).toEqual(['x()']);
    expect(programSource(command('node', '--max-old-space-size', '4096', 'app.js'))?.file?.value).toBe('app.js');
    expect(await decide(`node --max-old-space-size 4096 -e 'require("child_process").execSync("rm -rf ~")'`)).toBe('block');
  });

  it('perl -x, -M and -m take only an attached value (perl refuses `-M Module`): the rules no longer take the script for their value', () => {
    expect(programSource(command('perl', '-x', 'script.pl'))).toMatchObject({ file: { value: 'script.pl' }, fromStdin: false });
    const p = parseOptions([word('-MFile::Path'), word('-e'), word('x')], parseSpecFrom(PERL_SPEC));
    expect(p.opts.get('M')).toEqual(['File::Path']);
    expect(p.opts.get('e')).toEqual(['x']);
  });

  it('php -F names the file of code (the rules had it; the analysis keeps reading that file)', () => {
    expect(programSource(command('php', '-F', 'each.php'))).toMatchObject({ inline: [], fromStdin: false });
    expect(interpreterOf('php')!.withArg).not.toContain('F');
  });
});

describe('bq query read with its spec (it took the last word that was not an option for the query)', () => {
  it('a flag after the query is not the query', async () => {
    expect(await decide(`bq query --nouse_legacy_sql 'SELECT COUNT(*) FROM shop.orders' --format json`)).toBe('allow');
    expect(await decide(`bq query --format json 'DELETE FROM shop.orders WHERE true' --max_rows 10`)).toBe('block');
  });

  it('the words of the query are joined, as bq joins them', async () => {
    expect(await decide('bq query --nouse_legacy_sql SELECT 1')).toBe('allow');
    expect(await decide('bq query --nouse_legacy_sql DROP TABLE shop.orders')).toBe('block');
  });
});

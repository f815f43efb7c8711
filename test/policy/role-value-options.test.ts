// Roles read option values with the program's catalogue spec (src/policy/value-options.ts): the
// program's options and those of the subcommands its words choose, so a value is never taken for an
// operand or a subcommand, and an option that is a flag in this subcommand hides nothing. Programs
// the catalogue does not know keep the list in value-options.ts; a rule's own valueOptions still count.
import { describe, expect, it } from 'vitest';
import { VALUE_OPTIONS, valueOptionsFor } from '../../src/policy/value-options.js';
import { readArgs } from '../../src/policy/role/args.js';
import { specFor } from '../../src/catalogue/index.js';
import type { Word } from '../../src/core/ir.js';

const word = (value: string): Word => ({ value, static: true, raw: value });
/** The positional words a role sees, with the catalogue's grammar and with the old list. */
function positionals(command: string, line: string, extra: string[] = []) {
  const args = line.split(' ').map(word);
  const now = readArgs(args, valueOptionsFor(command, extra, args)).positionals.map((w) => w.value);
  const before = readArgs(args, new Set([...(VALUE_OPTIONS[command] ?? []), ...extra])).positionals.map((w) => w.value);
  return { now, before };
}

describe('roles read option values with the catalogue', () => {
  it('SQL clients: a value the old list did not know is no longer an operand', () => {
    expect(positionals('psql', '-f migrations/001.sql shop')).toEqual({ now: ['shop'], before: ['migrations/001.sql', 'shop'] });
    expect(positionals('mysql', '-S /tmp/mysql.sock shop')).toEqual({ now: ['shop'], before: ['/tmp/mysql.sock', 'shop'] });
    expect(positionals('sqlite3', '-init setup.sql app.db')).toEqual({ now: ['app.db'], before: ['setup.sql', 'app.db'] });
  });

  it('git and the interpreters read as before (their global options were in both)', () => {
    expect(positionals('git', '-C repo -c core.pager=less log main')).toEqual({ now: ['log', 'main'], before: ['log', 'main'] });
    expect(positionals('python3', '-W ignore -X dev manage.py migrate')).toEqual({
      now: ['manage.py', 'migrate'],
      before: ['manage.py', 'migrate'],
    });
    expect(positionals('node', '-r dotenv/config --import tsx server.js').now).toEqual(['server.js']);
  });

  it('an option is read at the level the words choose: a flag where the subcommand has it as a flag hides nothing', () => {
    // docker's old list had -t as --tag: `docker run -t ubuntu` hid the image from the role.
    expect(positionals('docker', 'run -t ubuntu echo hi')).toEqual({ now: ['run', 'ubuntu', 'echo', 'hi'], before: ['run', 'echo', 'hi'] });
  });

  it("a rule's own valueOptions still count, and programs without a spec keep the list", () => {
    expect(positionals('psql', '--weird x shop', ['--weird']).now).toEqual(['shop']);
    const unknown = Object.keys(VALUE_OPTIONS).filter((c) => !specFor(c));
    expect(unknown.length).toBeGreaterThan(0);
    for (const c of unknown) expect([...valueOptionsFor(c)].sort(), c).toEqual([...VALUE_OPTIONS[c]!].sort());
  });
});

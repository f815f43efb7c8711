// A program run by its path is read and judged, even when its name is one the catalogue knows: a
// `./git` the agent wrote is not git. Only scripts projects ship (`./gradlew`, `./manage.py`) are
// judged by their spec instead.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import type { FileRead } from '../../src/core/types.js';

const files: Record<string, string> = {
  '/home/user/project/git': '#!/bin/sh\nrm -rf ~\n',
  '/home/user/project/gradlew': '#!/bin/sh\nexec "$JAVACMD" "$@"\n',
};
const readFile = (p: string): FileRead => (p in files ? { text: files[p]! } : { refused: 'missing', reason: `${p} does not exist` });
const ctx = { cwd: '/home/user/project', home: '/home/user', readFile };
const ids = async (script: string) => (await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx)).matches.map((m) => m.ruleId);

describe('programs run by path', () => {
  it('a script named like a known program is read and judged', async () => {
    expect(await ids('./git status')).toContain('filesystem.recursive_delete_home');
  });
  it('a script projects ship is judged by its spec', async () => {
    expect(await ids('./gradlew build')).not.toContain('parse.dynamic_command');
  });
});

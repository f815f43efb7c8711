// Each extractor, on small inputs: what it finds, where (file line), and what it leaves alone.
import { describe, expect, it } from 'vitest';
import { extractDockerfile } from '../../src/adapters/scan/dockerfile.js';
import { extractGithubActions } from '../../src/adapters/scan/github-actions.js';
import { extractGitlabCi } from '../../src/adapters/scan/gitlab-ci.js';
import { expandMake, extractMakefile } from '../../src/adapters/scan/makefile.js';
import { extractPackageJson } from '../../src/adapters/scan/package-json.js';
import { extractShellScript, shebangInterpreter } from '../../src/adapters/scan/shell-script.js';
import { fileKind, kindByPath } from '../../src/adapters/scan/detect.js';
import { locate } from '../../src/adapters/scan/scan.js';
import type { Extraction } from '../../src/adapters/scan/types.js';
import { Placeholders } from '../../src/adapters/scan/placeholders.js';

const scripts = (e: Extraction) =>
  e.commands.map((c) =>
    c.action.kind === 'shell' ? c.action.script : c.action.kind === 'argv' ? c.action.argv : c.action.kind === 'sql' ? c.action.sql : '',
  );
const lines = (e: Extraction) => e.commands.map((c) => c.line);

describe('GitHub Actions', () => {
  const wf = [
    'on: push', //                       1
    'jobs:', //                          2
    '  build:', //                       3
    '    steps:', //                     4
    '      - uses: actions/checkout@v4', // 5
    '      - run: make test', //         6
    '      - run: |', //                 7
    '          echo one', //             8
    '          echo ${{ secrets.TOKEN }} two', // 9
    '      - shell: pwsh', //            10
    '        run: Remove-Item -Recurse C:\\', // 11
    '      - shell: bash -e {0}', //     12
    '        run: echo three', //        13
  ].join('\n');

  it('finds every run step with its line, fills expressions with an unknown parameter, skips non-POSIX shells', async () => {
    const e = await extractGithubActions('ci.yml', wf);
    expect(scripts(e)).toEqual(['make test', 'echo one\necho ${SEATBELT_GHA_EXPR_1} two\n', 'echo three']);
    expect(e.commands[1]!.placeholders!.restore('echo ${SEATBELT_GHA_EXPR_1} two')).toBe('echo ${{ secrets.TOKEN }} two');
    expect(lines(e)).toEqual([6, 8, 13]);
    expect(e.commands[1]!.where).toBe('jobs.build.steps[2].run');
    expect(e.skipped).toEqual([expect.objectContaining({ line: 11, message: expect.stringMatching(/pwsh/) })]);
  });

  it('judges a run: that YAML reads as a boolean or a number as its text (run: true is the command true)', async () => {
    const e = await extractGithubActions('ci.yml', 'jobs:\n  a:\n    steps:\n      - run: true\n      - run: 1\n      - run: [x]\n');
    expect(scripts(e)).toEqual(['true', '1']);
    expect(e.problems).toEqual([expect.objectContaining({ line: 6, message: 'jobs.a.steps[2].run is not a string' })]);
  });

  it('reads composite actions (runs.steps)', async () => {
    const e = await extractGithubActions('action.yml', 'runs:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n');
    expect(scripts(e)).toEqual(['echo hi']);
  });

  it('reports a workflow that is not valid YAML as a problem (fail closed)', async () => {
    const e = await extractGithubActions('ci.yml', 'jobs:\n  a: [\n');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.message).toMatch(/not valid YAML/);
  });
});

describe('GitLab CI', () => {
  it('finds script, before_script and after_script lines of jobs, templates and globals; skips !reference', async () => {
    const yml = [
      'before_script:', //             1
      '  - echo global', //            2
      'variables:', //                 3
      '  X: "rm -rf /"', //            4
      '.tpl:', //                      5
      '  script: echo template', //    6
      'test:', //                      7
      '  before_script:', //           8
      '    - !reference [.tpl, script]', // 9
      '  script:', //                  10
      '    - echo a', //               11
      '    - - echo nested', //        12
      '  after_script:', //            13
      '    - echo b', //               14
    ].join('\n');
    const e = await extractGitlabCi('.gitlab-ci.yml', yml);
    expect(scripts(e)).toEqual(['echo global', 'echo template', 'echo a', 'echo nested', 'echo b']);
    expect(lines(e)).toEqual([2, 6, 11, 12, 14]);
  });
});

describe('Makefile', () => {
  const mk = [
    'ROOT := /', //                  1
    'OUT = build', //                2
    'all: dep ; @echo inline', //    3
    '', //                           4
    'clean:', //                     5
    '\t@-rm -f $(OUT)/x.o', //       6
    '\t+echo $$HOME $@', //          7
    '', //                           8
    '# a comment keeps the recipe going', // 9
    '\techo a && \\', //             10
    '\t  echo b', //                 11
    'X = 1', //                      12
    '\techo not a recipe', //        13
  ].join('\n');

  it('strips @ - + prefixes, turns $$ into $, expands variables and $@, keeps continuations together', () => {
    const e = extractMakefile('Makefile', mk);
    expect(scripts(e)).toEqual(['echo inline', 'rm -f build/x.o', 'echo $HOME clean', 'echo a && \\\n  echo b']);
    expect(lines(e)).toEqual([3, 6, 7, 10]);
    expect(e.commands[1]!.where).toBe('target "clean"');
  });

  it('turns unknown variables and functions into an unknown shell parameter that maps back to the reference, never into $(…)', () => {
    const unknown = new Placeholders('SEATBELT_MAKE_VAR');
    const script = expandMake('$(CC) $(shell date) $(NOPE) ${OUT} $< $(NOPE)', new Map([['OUT', 'o']]), 't', unknown);
    expect(script).toBe('cc ${SEATBELT_MAKE_VAR_1} ${SEATBELT_MAKE_VAR_2} o ${SEATBELT_MAKE_VAR_3} ${SEATBELT_MAKE_VAR_2}');
    expect(unknown.restore(script)).toBe('cc $(shell date) $(NOPE) o $< $(NOPE)');
    expect(
      expandMake(
        '$(A)',
        new Map([
          ['A', '$(B)'],
          ['B', '/'],
        ]),
        't',
        unknown,
      ),
    ).toBe('/');
  });

  it('reads the variables and recipes of included files (literal names, relative to the Makefile), recipes at their own lines', () => {
    const files: Record<string, string> = {
      'sub/common.mk': 'GO ?= go\nGOFMT ?= $(GO)fmt\nstyle:\n\t$(GOFMT) -d .\n',
    };
    const reads: string[] = [];
    const readRelated = (from: string, name: string) => {
      const file = `${from.split('/').slice(0, -1).concat(name).join('/')}`;
      reads.push(file);
      return files[file] !== undefined ? { file, text: files[file]! } : null;
    };
    const mk = 'include common.mk\n-include missing.mk\ninclude $(NOPE).mk\ngen:\n\t$(GO) run ./cmd/gen\n';
    const e = extractMakefile('sub/Makefile', mk, { readRelated });
    expect(reads).toEqual(['sub/common.mk', 'sub/missing.mk']);
    expect(e.commands.map((c) => `${c.file}:${c.line} ${c.action.kind === 'shell' ? c.action.script : ''}`)).toEqual([
      'sub/common.mk:4 gofmt -d .',
      'sub/Makefile:5 go run ./cmd/gen',
    ]);
    expect(e.related).toEqual({ 'sub/common.mk': files['sub/common.mk'] });
    // `include` of a file that cannot be read is noted (its variables stay unknown); `-include` is optional.
    expect(e.skipped).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/\$\(NOPE\)\.mk was not read/) })]);
  });

  it('follows an include cycle once', () => {
    const texts: Record<string, string> = { a: 'include b\nX = 1\n', b: 'include a\nt:\n\techo $(X)\n' };
    const e = extractMakefile('a', texts.a!, { readRelated: (_from, name) => ({ file: name, text: texts[name]! }) });
    expect(scripts(e)).toEqual(['echo 1']);
  });
});

describe('Dockerfile', () => {
  const df = [
    'FROM alpine', //                           1
    'RUN apk add curl', //                      2
    'RUN --mount=type=cache,target=/x \\', //   3
    '    echo cached', //                       4
    'RUN ["sh", "-c", "echo exec"]', //         5
    'RUN set -e; \\', //                        6
    '    # a comment inside', //                7
    '    echo last', //                         8
    'RUN <<EOF', //                             9
    'echo in heredoc', //                       10
    'echo second', //                           11
    'EOF', //                                   12
    'COPY <<EOF /etc/motd', //                  13
    'RUN this is file content, not a command', // 14
    'EOF', //                                   15
    'SHELL ["pwsh", "-Command"]', //            16
    'RUN Remove-Item x', //                     17
    'FROM alpine AS two', //                    18
    'RUN echo back to sh', //                   19
  ].join('\n');

  it('joins continuations, drops comments, sets flags aside, reads exec form and heredocs, honours SHELL per stage', () => {
    const e = extractDockerfile('Dockerfile', df);
    expect(scripts(e)).toEqual([
      'apk add curl',
      'echo cached',
      ['sh', '-c', 'echo exec'],
      'set -e;     echo last',
      'echo in heredoc\necho second',
      'echo back to sh',
    ]);
    expect(lines(e)).toEqual([2, 3, 5, 6, 10, 19]);
    expect(e.skipped.map((s) => s.line)).toEqual([17]);
  });

  it('judges RUN as an image build in the stage WORKDIR; --security=insecure (privileged) as the host', () => {
    const e = extractDockerfile(
      'Dockerfile',
      [
        'FROM alpine',
        'RUN echo root',
        'WORKDIR /srv/app',
        'WORKDIR sub',
        'RUN echo sub',
        'WORKDIR $HOME',
        'RUN echo unknown',
        'RUN --security=insecure echo privileged',
        'FROM alpine AS two',
        'RUN ["echo", "exec"]',
      ].join('\n'),
    );
    expect(e.commands.map((c) => c.runsIn)).toEqual([
      { kind: 'image_build', cwd: '/' },
      { kind: 'image_build', cwd: '/srv/app/sub' },
      { kind: 'image_build', cwd: '/' },
      undefined,
      { kind: 'image_build', cwd: '/' },
    ]);
  });

  it('maps a match back to its physical line through joined continuations and heredoc bodies', () => {
    const e = extractDockerfile('Dockerfile', df);
    expect(locate(e.commands[3]!, 'echo last')).toBe(8);
    expect(locate(e.commands[4]!, 'echo second')).toBe(11);
  });

  it('honours the escape directive', () => {
    const e = extractDockerfile('Dockerfile', '# escape=`\nFROM x\nRUN echo a `\n  b\n');
    expect(scripts(e)).toEqual(['echo a   b']);
  });
});

describe('package.json', () => {
  it('finds every script with the line of its key; bad JSON is a problem', () => {
    const text = '{\n  "name": "x",\n  "scripts": {\n    "test": "vitest",\n    "name": "echo hi"\n  }\n}\n';
    const e = extractPackageJson('package.json', text);
    expect(scripts(e)).toEqual(['vitest', 'echo hi']);
    expect(lines(e)).toEqual([4, 5]);
    expect(extractPackageJson('package.json', '{').problems).toHaveLength(1);
    expect(extractPackageJson('package.json', '{"scripts": {"a": 1}}').problems[0]!.message).toMatch(/scripts.a is not a string/);
  });
});

describe('shell scripts and detection', () => {
  it('reads the interpreter from the shebang', () => {
    expect(shebangInterpreter('#!/bin/sh\n')).toBe('sh');
    expect(shebangInterpreter('#!/usr/bin/env bash\n')).toBe('bash');
    expect(shebangInterpreter('#! /usr/bin/python3\n')).toBe('python3');
    expect(shebangInterpreter('echo\n')).toBeNull();
    expect(extractShellScript('x.sh', '#!/usr/bin/env python3\nprint(1)\n').skipped).toHaveLength(1);
  });

  it('picks the extractor by path, and by shebang for files without a known name', () => {
    expect(kindByPath('.github/workflows/ci.yaml')).toBe('github-actions');
    expect(kindByPath('sub/action.yml')).toBe('github-actions');
    expect(kindByPath('.gitlab-ci.yml')).toBe('gitlab-ci');
    expect(kindByPath('ci/deploy.gitlab-ci.yml')).toBe('gitlab-ci');
    expect(kindByPath('GNUmakefile')).toBe('makefile');
    expect(kindByPath('rules.mk')).toBe('makefile');
    expect(kindByPath('Dockerfile.prod')).toBe('dockerfile');
    expect(kindByPath('api.dockerfile')).toBe('dockerfile');
    expect(kindByPath('a/package.json')).toBe('package.json');
    expect(kindByPath('x.sh')).toBe('shell-script');
    expect(kindByPath('config.yml')).toBeNull();
    expect(fileKind('bin/tool', '#!/bin/bash\n')?.source).toBe('shell-script');
    expect(fileKind('bin/tool', '#!/usr/bin/env node\n')).toBeNull();
  });

  it('locates a match on the command, not on a comment or data that quotes it', () => {
    const script = '#!/bin/sh\n# rm -rf /\necho "rm -rf /"\nrm -rf /\n';
    const cmd = { file: 'a.sh', line: 1, source: 'shell-script' as const, where: 'script', action: { kind: 'shell' as const, script } };
    expect(locate(cmd, 'rm -rf /')).toBe(4);
  });
});

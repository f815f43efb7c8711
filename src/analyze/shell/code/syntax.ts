// The lexical facts the capability scan needs per language: comments, identifiers, variable
// sigils, regex literals, member access, and how double-quoted strings run code inside them.
// Only enough to tell code from text: what is inside a comment or a plain string never runs.
import type { Language } from '../actions.js';

/** How a string's body runs code: `f"{…}"`, `` `${…}` ``, `"#{…}"`, `"@{[…]}"`, `"{$…}"`, `"$(…)"`, `"[…]"`. */
export type Interpolation = 'python' | 'js' | 'perl' | 'ruby' | 'php' | 'dollar-paren' | 'tcl' | 'none';

export interface Syntax {
  /** Line comment openers. */
  line: string[];
  /** Block comments: opener and closer. */
  block: [string, string][];
  /** An identifier (sticky). */
  name: RegExp;
  /** Characters that start a variable (`$x`, `@x`, `%x`, `&x`, `*x`). */
  sigils: string;
  /** Which grammar decides whether `/` starts a regex. */
  regex: 'js' | 'perl' | 'ruby' | 'none';
  /** Operators that reach a member of what precedes them. */
  member: string[];
  /** Names compare without case (PHP functions, PowerShell, AppleScript). */
  caseless: boolean;
  /** Backticks hold a shell command (Perl, Ruby, PHP). */
  backtickCommand: boolean;
  interpolation: Interpolation;
}

const C_LIKE_NAME = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/y;
const WORD_NAME = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/y;

const BASE: Syntax = {
  line: [],
  block: [],
  name: WORD_NAME,
  sigils: '',
  regex: 'none',
  member: ['.'],
  caseless: false,
  backtickCommand: false,
  interpolation: 'none',
};

export const SYNTAX: Record<Language, Syntax> = {
  python: { ...BASE, line: ['#'], interpolation: 'python' },
  // `\u0065val` is `eval`: identifiers may hold unicode escapes.
  node: {
    ...BASE,
    line: ['//'],
    block: [['/*', '*/']],
    name: /(?:[A-Za-z_$\u0080-\uffff]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})(?:[\w$\u0080-\uffff]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})*/y,
    regex: 'js',
    member: ['.', '?.'],
    interpolation: 'js',
  },
  jxa: { ...BASE, line: ['//'], block: [['/*', '*/']], name: C_LIKE_NAME, regex: 'js', member: ['.', '?.'], interpolation: 'js' },
  // `File::Path::rmtree` and the old `main'system` are one name.
  perl: {
    ...BASE,
    line: ['#'],
    name: /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:(?:::|'(?=[A-Za-z_]))[\w\u0080-\uffff]+)*(?:::)?/y,
    sigils: '$@%&*',
    regex: 'perl',
    member: ['->'],
    backtickCommand: true,
    interpolation: 'perl',
  },
  ruby: {
    ...BASE,
    line: ['#'],
    name: /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:[?!](?![=~]))?/y,
    sigils: '$@',
    regex: 'ruby',
    member: ['.', '&.', '::'],
    backtickCommand: true,
    interpolation: 'ruby',
  },
  php: {
    ...BASE,
    line: ['//', '#'],
    block: [['/*', '*/']],
    name: /\\?[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:\\[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)*/y,
    sigils: '$',
    member: ['->', '?->', '::'],
    caseless: true,
    backtickCommand: true,
    interpolation: 'php',
  },
  // R names hold dots (`file.remove`, `do.call`); `base::system` reaches a package's function.
  r: { ...BASE, line: ['#'], name: /[A-Za-z.][\w.]*/y, member: ['$', '@', '::', ':::'] },
  julia: {
    ...BASE,
    line: ['#'],
    block: [['#=', '=#']],
    name: /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*!?/y,
    interpolation: 'dollar-paren',
  },
  lua: { ...BASE, line: ['--'], block: [['--[[', ']]']], member: ['.', ':'] },
  // Cmdlet names hold dashes (`Remove-Item`); `$x` is a variable.
  powershell: {
    ...BASE,
    line: ['#'],
    block: [['<#', '#>']],
    name: /[A-Za-z_][\w-]*(?:\\[\w-]+)*/y,
    sigils: '$',
    member: ['.', '::'],
    caseless: true,
    interpolation: 'dollar-paren',
  },
  applescript: { ...BASE, line: ['--', '#'], block: [['(*', '*)']], member: [], caseless: true },
  groovy: {
    ...BASE,
    line: ['//'],
    block: [['/*', '*/']],
    name: C_LIKE_NAME,
    regex: 'js',
    member: ['.', '?.', '*.', '.&', '.@'],
    interpolation: 'js',
  },
  java: { ...BASE, line: ['//'], block: [['/*', '*/']], name: C_LIKE_NAME, member: ['.', '::'] },
  // Tcl substitutes `[command]` inside double quotes; braces are read as code (they usually are).
  // A Tcl word is anything up to a space or a special character (`x.txt`, `-nonewline`).
  tcl: { ...BASE, line: [], name: /[^\s;[\]{}"$\\#0-9][^\s;[\]{}"$\\]*/y, sigils: '$', member: [], interpolation: 'tcl' },
};

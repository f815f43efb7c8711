// Every language's capability table, by the language the interpreter speaks.
import type { Language } from '../actions.js';
import type { CapabilityTable } from './table.js';
import { PYTHON } from './python.js';
import { JXA, NODE } from './javascript.js';
import { PERL } from './perl.js';
import { RUBY } from './ruby.js';
import { PHP } from './php.js';
import { R } from './r.js';
import { JULIA } from './julia.js';
import { LUA } from './lua.js';
import { POWERSHELL } from './powershell.js';
import { APPLESCRIPT } from './applescript.js';
import { GROOVY } from './groovy.js';
import { JAVA } from './java.js';
import { TCL } from './tcl.js';

export const TABLES: Record<Language, CapabilityTable> = {
  python: PYTHON,
  node: NODE,
  jxa: JXA,
  perl: PERL,
  ruby: RUBY,
  php: PHP,
  r: R,
  julia: JULIA,
  lua: LUA,
  powershell: POWERSHELL,
  applescript: APPLESCRIPT,
  groovy: GROOVY,
  java: JAVA,
  tcl: TCL,
};

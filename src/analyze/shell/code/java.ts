// Java's capabilities under jshell: Runtime.exec and ProcessBuilder, writing streams and Files
// methods that change files, reflection, class loading and script engines, sockets, and jshell's
// own commands that save or open files (`/save`, `/open`, `/edit`).
import { BLOCK, each, type CapabilityTable, type CheckContext, type Judge } from './table.js';
import { FILES_READS, JVM_METHODS, SYSTEM_READS } from './groovy.js';

const ACTING = `Runtime ProcessBuilder FileWriter FileOutputStream RandomAccessFile PrintWriter PrintStream URLClassLoader ClassLoader MethodHandles ScriptEngineManager
  Socket ServerSocket DatagramSocket HttpClient Desktop Unsafe`;

const JAVA_MEMBERS: Record<string, Judge> = {
  ...each('', ACTING, BLOCK),
  ...each('Files', FILES_READS, 'read'),
  ...each('System', SYSTEM_READS, 'read'),
  'Class.forName': BLOCK,
};

const JSHELL_READS = new Set([
  'list',
  'vars',
  'methods',
  'types',
  'imports',
  'help',
  'exit',
  'history',
  '?',
  'drop',
  'l',
  'v',
  'm',
  't',
  'i',
  'h',
]);

function check(ctx: CheckContext): void {
  ctx.tokens.forEach((t, i) => {
    const next = ctx.tokens[i + 1];
    if (t.text === '/' && (i === 0 || t.newline) && next?.kind === 'name' && !JSHELL_READS.has(next.value))
      ctx.problem(`/${next.value}: a jshell command that reads or writes files`);
  });
}

export const JAVA: CapabilityTable = {
  globals: Object.fromEntries([...ACTING.split(/\s+/), 'Files', 'System', 'Class'].map((n) => [n, n])),
  members: JAVA_MEMBERS,
  strict: ['Files', 'System'],
  methods: each('', JVM_METHODS, BLOCK),
  qualified: ['java', 'javax', 'jdk', 'sun'],
  check,
};

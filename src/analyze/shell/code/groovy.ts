// Groovy's capabilities: `"cmd".execute()`, Runtime and ProcessBuilder, File methods that write or
// delete (and `file.text = …`), evaluation (Eval, GroovyShell, evaluate), and the metaobject
// protocol (invokeMethod, metaClass, method pointers `.&`, names in strings `."$m"()`).
import { BLOCK, each, type CapabilityTable, type CheckContext, type Judge } from './table.js';

export const FILES_READS = `readAllLines readString readAllBytes lines list walk exists isDirectory isRegularFile size newBufferedReader newInputStream getLastModifiedTime
  isReadable isWritable isExecutable isSymbolicLink notExists probeContentType readAttributes find isHidden isSameFile`;
export const SYSTEM_READS =
  'getenv getProperty getProperties currentTimeMillis nanoTime out err in lineSeparator exit identityHashCode arraycopy';

/** Members that write, delete, run, reflect or connect, whatever object they are read from. */
export const JVM_METHODS = `execute exec delete deleteDir deleteOnExit renameTo setExecutable setWritable setReadable setLastModified mkdir mkdirs createNewFile
  getMethod getDeclaredMethod getDeclaredMethods getMethods getDeclaredField getField getDeclaredConstructor getConstructor invoke invokeExact invokeWithArguments
  newInstance setAccessible forName loadClass defineClass destroy destroyForcibly eval openConnection`;

const GROOVY_MEMBERS: Record<string, Judge> = {
  ...each(
    '',
    'Runtime ProcessBuilder Eval GroovyShell GroovyClassLoader AntBuilder Socket ServerSocket DatagramSocket ClassLoader URLClassLoader evaluate FileWriter FileOutputStream',
    BLOCK,
  ),
  ...each('Files', FILES_READS, 'read'),
  ...each('System', SYSTEM_READS, 'read'),
};

function check(ctx: CheckContext): void {
  const { tokens, problem } = ctx;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === 'punct' && (t.text === '.&' || t.text === '.@')) problem(`${t.text}: a method pointer or direct field access`);
    else if (t.kind === 'punct' && ['.', '?.', '*.'].includes(t.text) && next?.kind === 'string') problem('a method named by a string');
    else if (t.kind === 'name' && (t.value === 'text' || t.value === 'bytes') && tokens[i - 1]?.text === '.' && next?.text === '=')
      problem(`.${t.value} = writes a file`);
  });
}

export const GROOVY: CapabilityTable = {
  globals: Object.fromEntries(
    [
      'Runtime',
      'ProcessBuilder',
      'Eval',
      'GroovyShell',
      'GroovyClassLoader',
      'AntBuilder',
      'Socket',
      'ServerSocket',
      'DatagramSocket',
      'ClassLoader',
      'URLClassLoader',
      'evaluate',
      'FileWriter',
      'FileOutputStream',
      'Files',
      'System',
    ].map((n) => [n, n]),
  ),
  members: GROOVY_MEMBERS,
  strict: ['Files', 'System'],
  methods: each(
    '',
    `${JVM_METHODS} write append setText setBytes withWriter withWriterAppend withOutputStream withPrintWriter withDataOutputStream withObjectOutputStream
    newWriter newOutputStream newPrintWriter newDataOutputStream newObjectOutputStream leftShift invokeMethod getMetaClass metaClass setMetaClass evaluate parse
    waitForProcessOutput consumeProcessOutput`,
    BLOCK,
  ),
  qualified: ['java', 'javax', 'groovy'],
  check,
};

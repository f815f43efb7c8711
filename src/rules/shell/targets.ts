// Which files a command removes, overwrites or moves away, read from its options the way the
// program itself reads them (`cp -t dir`, `dd of=`, `sed -i`, `tee -a`, redirects).
import type { SimpleCommand, Word } from '../../core/ir.js';
import { has, parseOptions, values, type ParsedOptions } from './options.js';
import { outputRedirects } from './links.js';
import { nameOf } from './programs.js';

const RM_LONG = [
  'recursive',
  'force',
  'interactive',
  'one-file-system',
  'no-preserve-root',
  'preserve-root',
  'dir',
  'verbose',
  'help',
  'version',
];

export interface RmCall {
  recursive: boolean;
  /** A dynamic word in option position might be `-r`. */
  maybeRecursive: boolean;
  targets: Word[];
  /** Operands also come from unknown input (`xargs rm`, `parallel rm`). */
  unknownOperands: boolean;
}

/** `xargs` and GNU `parallel` append the input they read to the command they run (parallel's jobs written out from `:::` lists are not fed). */
export function appendsInput(cmd: SimpleCommand): boolean {
  return (
    cmd.wrappers.some((w) => w === 'xargs' || w === 'parallel') ||
    (!!cmd.fedByUnknownInput && cmd.context.some((c) => c.kind === 'nested_script' && c.detail === 'parallel'))
  );
}

/** Node's recursive removers, run through npx & co. (`npx rimraf dist`): `rm -rf` by another name. */
const NODE_REMOVERS = new Set(['rimraf', 'del-cli', 'del', 'rm-rf']);
const NODE_REMOVER_FLAGS = [
  'preserve-root',
  'no-preserve-root',
  'glob',
  'no-glob',
  'verbose',
  'interactive',
  'force',
  'dry-run',
  'help',
  'version',
];

/** The programs removal reads (ShellRule.programs of the rules judging only recursive deletes). */
export const REMOVERS: readonly string[] = [...NODE_REMOVERS, 'rm', 'srm', 'rsync'];

/** A recursive remover: `rm`, `rimraf`, or `rsync --delete*` (which empties its destination to match the source). */
export function removal(cmd: SimpleCommand): RmCall | undefined {
  const n = nameOf(cmd);
  const unknownOperands = appendsInput(cmd);
  if (NODE_REMOVERS.has(n)) {
    const p = parseOptions(cmd.args, { longValue: ['impl'], longFlags: NODE_REMOVER_FLAGS });
    return { recursive: true, maybeRecursive: false, targets: p.operands, unknownOperands };
  }
  if (n === 'rm' || n === 'srm') {
    const p = parseOptions(cmd.args, { longFlags: RM_LONG });
    // `"$@"`, `$*`, `${a[@]}` expand to several words: options and targets we cannot see.
    const many = cmd.args.some((w) => !w.static && /\$[@*]|\$\{[@*]\}|\[[@*]\]\}/.test(w.raw));
    return { recursive: has(p, 'r', 'R', 'recursive') || many, maybeRecursive: p.dynamicOptions, targets: p.operands, unknownOperands };
  }
  if (n === 'rsync') {
    const p = parseOptions(cmd.args, RSYNC);
    if (![...p.opts.keys()].some((k) => k === 'del' || k.startsWith('delete') || k === 'remove-source-files')) return undefined;
    const dest = p.operands[p.operands.length - 1];
    return {
      recursive: true,
      maybeRecursive: false,
      targets: dest && p.operands.length >= 2 ? [dest] : [],
      unknownOperands: unknownOperands || !dest,
    };
  }
  return undefined;
}

const RSYNC = {
  shortValue: 'eBfMT',
  longValue: [
    'rsh',
    'rsync-path',
    'exclude',
    'include',
    'filter',
    'exclude-from',
    'include-from',
    'files-from',
    'chmod',
    'chown',
    'block-size',
    'bwlimit',
    'log-file',
    'log-file-format',
    'password-file',
    'port',
    'temp-dir',
    'compare-dest',
    'copy-dest',
    'link-dest',
    'remote-option',
    'max-size',
    'min-size',
    'max-delete',
    'timeout',
    'contimeout',
    'partial-dir',
    'backup-dir',
    'suffix',
    'out-format',
    'info',
    'debug',
    'usermap',
    'groupmap',
    'iconv',
    'protocol',
    'checksum-choice',
    'compress-choice',
    'compress-level',
    'skip-compress',
    'sockopts',
    'outbuf',
    'stop-after',
    'stop-at',
    'modify-window',
    'write-batch',
    'only-write-batch',
    'read-batch',
    'address',
    'config',
  ],
  longFlags: [
    'delete',
    'delete-before',
    'delete-during',
    'delete-delay',
    'delete-after',
    'delete-excluded',
    'delete-missing-args',
    'del',
    'remove-source-files',
    'recursive',
    'archive',
    'verbose',
    'dry-run',
  ],
};

/** Files this command deletes or moves away (not recursively): rm/unlink/shred operands, mv sources. */
export function removedFiles(cmd: SimpleCommand): Word[] {
  const n = nameOf(cmd);
  if (['rm', 'srm', 'unlink', 'shred', 'rmdir'].includes(n))
    return parseOptions(cmd.args, { shortValue: n === 'shred' ? 'ns' : '', longFlags: RM_LONG }).operands;
  if (n === 'mv') return moveSources(cmd);
  // gzip & co. replace each file with its compressed copy, unless told to keep it or write to stdout.
  if (COMPRESSORS.has(n)) {
    const p = parseOptions(cmd.args, {
      shortValue: 'S',
      longValue: ['suffix'],
      longFlags: ['stdout', 'to-stdout', 'keep', 'list', 'test', 'decompress', 'force'],
    });
    return has(p, 'c', 'stdout', 'to-stdout', 'k', 'keep', 'l', 'list', 't', 'test') ? [] : p.operands;
  }
  return [];
}

const EDITORS = new Set(['ed', 'ex', 'vi', 'vim', 'nvim', 'nano', 'emacs']);

/** Files an editor opens (and writes on `w`): kept apart from writtenFiles, since an editor also shows them. */
export function editedFiles(cmd: SimpleCommand): Word[] {
  if (!EDITORS.has(nameOf(cmd))) return [];
  return parseOptions(cmd.args, { shortValue: 'cSTuUiwWop', longValue: ['cmd', 'eval', 'load'] }).operands.filter(
    (w) => !w.value.startsWith('+'),
  );
}

const COMPRESSORS = new Set([
  'gzip',
  'gunzip',
  'bzip2',
  'bunzip2',
  'xz',
  'unxz',
  'lzma',
  'unlzma',
  'zstd',
  'unzstd',
  'compress',
  'pigz',
  'lz4',
]);

/** Where an archive is extracted (`tar -x -C dir`, `unzip -d dir`; else the working folder), if it is. */
export function extractionFolder(cmd: SimpleCommand): Word | undefined {
  const n = nameOf(cmd);
  const here: Word = { value: '.', static: true, raw: '.' };
  if (n === 'tar' || n === 'gtar' || n === 'bsdtar') {
    const first = cmd.args[0]?.value ?? '';
    const extracts =
      /^-?[a-zA-Z]*x/.test(first) || cmd.args.some((w) => /^(--extract|--get)$/.test(w.value) || /^-[a-zA-Z]*x[a-zA-Z]*$/.test(w.value));
    if (!extracts) return undefined;
    const i = cmd.args.findIndex((w) => w.value === '-C' || w.value === '--directory');
    const glued = cmd.args.find((w) => w.value.startsWith('--directory='));
    return i >= 0 ? cmd.args[i + 1] : glued ? { ...glued, value: glued.value.slice(12) } : here;
  }
  if (n === 'unzip') {
    const i = cmd.args.findIndex((w) => w.value === '-d');
    if (cmd.args.some((w) => /^-[a-zA-Z]*[lvtZp]/.test(w.value))) return undefined;
    return i >= 0 ? cmd.args[i + 1] : here;
  }
  return undefined;
}

function copyLike(cmd: SimpleCommand, shortValue: string): { p: ParsedOptions; dest?: Word; sources: Word[] } {
  const p = parseOptions(cmd.args, {
    shortValue,
    longValue: ['target-directory', 'suffix', 'backup', 'mode', 'owner', 'group', 'reply', 'sparse', 'preserve', 'context'],
  });
  const t = values(p, 't', 'target-directory')[0];
  if (t !== undefined) return { p, dest: { value: t, static: true, raw: t }, sources: p.operands };
  if (p.operands.length < 2) return { p, sources: [] };
  return { p, dest: p.operands[p.operands.length - 1]!, sources: p.operands.slice(0, -1) };
}

export function moveSources(cmd: SimpleCommand): Word[] {
  return copyLike(cmd, 'tS').sources;
}

/** What an `mv` moves and where: `into` when the destination is a folder by `-t`. */
export function moveOf(cmd: SimpleCommand): { sources: Word[]; dest?: Word; into: boolean } {
  const c = copyLike(cmd, 'tS');
  return { sources: c.sources, ...(c.dest ? { dest: c.dest } : {}), into: values(c.p, 't', 'target-directory').length > 0 };
}

/** Files this command creates, overwrites, appends to or truncates. */
export function writtenFiles(cmd: SimpleCommand): Word[] {
  const n = nameOf(cmd);
  const out = outputRedirects(cmd).map((r) => r.target);
  const p = () => parseOptions(cmd.args);
  switch (n) {
    case 'tee':
      out.push(...p().operands);
      break;
    case 'cp':
    case 'mv':
    case 'ln':
    case 'install': {
      const c = copyLike(cmd, n === 'install' ? 'tSmogb' : 'tS');
      if (c.dest) out.push(c.dest);
      break;
    }
    case 'rsync': {
      const q = parseOptions(cmd.args, RSYNC);
      if (q.operands.length >= 2) out.push(q.operands[q.operands.length - 1]!);
      break;
    }
    case 'dd':
      for (const w of cmd.args) if (w.value.startsWith('of=')) out.push({ ...w, value: w.value.slice(3) });
      break;
    case 'truncate':
      out.push(...parseOptions(cmd.args, { shortValue: 'sr', longValue: ['size', 'reference'] }).operands);
      break;
    case 'touch':
      out.push(...parseOptions(cmd.args, { shortValue: 'dtr', longValue: ['date', 'reference', 'time'] }).operands);
      break;
    case 'sed':
    case 'perl': {
      const q = parseOptions(cmd.args, { shortValue: n === 'sed' ? 'ef' : 'eEIMm', longValue: ['expression', 'file'] });
      if (!has(q, 'i', 'in-place')) break;
      // The script is the first operand unless given with -e/-f.
      const scripted = has(q, 'e', 'f', 'expression', 'file', 'E');
      out.push(...(scripted ? q.operands : q.operands.slice(1)));
      break;
    }
    case 'find':
      // `-fprint FILE`, `-fprint0 FILE`, `-fls FILE`, `-fprintf FILE FORMAT`.
      cmd.args.forEach((w, i) => {
        if (/^-(fprint0?|fprintf|fls)$/.test(w.value) && cmd.args[i + 1]) out.push(cmd.args[i + 1]!);
      });
      break;
    case 'sort': {
      const q = parseOptions(cmd.args, {
        shortValue: 'koStT',
        longValue: [
          'output',
          'key',
          'field-separator',
          'buffer-size',
          'temporary-directory',
          'parallel',
          'files0-from',
          'sort',
          'random-source',
          'compress-program',
          'batch-size',
        ],
      });
      out.push(...values(q, 'o', 'output').map((v) => ({ value: v, static: true, raw: v })));
      break;
    }
    case 'uniq': {
      const ops = parseOptions(cmd.args, {
        shortValue: 'fsw',
        longValue: ['skip-fields', 'skip-chars', 'check-chars', 'group', 'all-repeated'],
      }).operands;
      if (ops[1]) out.push(ops[1]);
      break;
    }
    case 'patch': {
      const q = parseOptions(cmd.args, {
        shortValue: 'iopdDrBYzVFg',
        longValue: ['input', 'output', 'strip', 'directory', 'reject-file', 'prefix', 'suffix', 'fuzz', 'backup-if-mismatch'],
      });
      if (q.operands[0]) out.push(q.operands[0]);
      out.push(...values(q, 'o', 'output').map((v) => ({ value: v, static: true, raw: v })));
      break;
    }
    case 'awk':
    case 'gawk':
      if (
        cmd.args.some((w, i) => w.value === 'inplace' && cmd.args[i - 1]?.value === '-i') ||
        cmd.args.some((w) => w.value === '-iinplace')
      ) {
        const q = parseOptions(cmd.args, { shortValue: 'fvFi', longValue: ['file', 'assign', 'field-separator', 'include'] });
        out.push(...(has(q, 'f', 'file') ? q.operands : q.operands.slice(1)));
      }
      break;
    case 'curl':
      for (const v of values(parseOptions(cmd.args, CURL_OPTS), 'o', 'output')) if (v !== '-') out.push({ value: v, static: true, raw: v });
      break;
    case 'wget':
      for (const v of values(parseOptions(cmd.args, WGET_OPTS), 'O', 'output-document'))
        if (v !== '-') out.push({ value: v, static: true, raw: v });
      break;
  }
  return out;
}

export const CURL_OPTS = {
  shortValue: 'oduHXAeEbcFKmQrTUwxyYzCtP',
  longValue: [
    'output',
    'data',
    'data-binary',
    'data-raw',
    'data-ascii',
    'data-urlencode',
    'json',
    'form',
    'form-string',
    'upload-file',
    'header',
    'request',
    'user-agent',
    'referer',
    'cookie',
    'cookie-jar',
    'user',
    'proxy',
    'max-time',
    'connect-timeout',
    'retry',
    'cert',
    'key',
    'cacert',
    'config',
    'output-dir',
    'url',
    'write-out',
    'resolve',
    'connect-to',
    'range',
    'limit-rate',
    'interface',
    'dns-servers',
    'proxy-user',
    'oauth2-bearer',
    'aws-sigv4',
    'variable',
    'expand-data',
    'expand-url',
    'ftp-port',
    'quote',
    'stderr',
    'trace',
    'trace-ascii',
  ],
  longFlags: [
    'remote-name',
    'remote-name-all',
    'silent',
    'show-error',
    'location',
    'fail',
    'insecure',
    'verbose',
    'include',
    'head',
    'compressed',
    'get',
  ],
};

export const WGET_OPTS = {
  shortValue: 'OoaPeiBUtTwQlAR',
  longValue: [
    'output-document',
    'output-file',
    'append-output',
    'directory-prefix',
    'execute',
    'input-file',
    'base',
    'user-agent',
    'tries',
    'timeout',
    'wait',
    'quota',
    'level',
    'accept',
    'reject',
    'header',
    'post-data',
    'post-file',
    'body-data',
    'body-file',
    'method',
    'user',
    'password',
    'http-user',
    'http-password',
    'load-cookies',
    'save-cookies',
    'ca-certificate',
    'certificate',
    'private-key',
  ],
  longFlags: ['quiet', 'no-verbose', 'continue', 'no-check-certificate', 'recursive', 'mirror', 'spider', 'server-response'],
};

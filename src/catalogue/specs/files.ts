// Family: files — programs whose purpose is to change files: delete, move, copy, link, change modes
// and owners, patch, split, pack and unpack, edit, build, download. Their verb is `change`: the
// read_only policy refuses them; what they do to which path is judged by the file rules
// (src/rules/shell/filesystem.ts, changed-paths.ts, devices.ts), not by a catalogue rule. Options that
// only print (`--help`, `gzip -c`, `unzip -l`) make them read.
import type { OptionDecl, ProgramSpec, VerbWhen } from '../spec.js';
import { flag, harmless } from './builders.js';

const HELP = harmless('--help', '--version');

/** A program that changes files whatever its options (`--help` and `--version` aside). */
function changes(
  names: string[],
  summary: string,
  why: string,
  examples: ProgramSpec['examples'],
  options: OptionDecl[] = [],
): ProgramSpec {
  return { names, family: 'files', summary, options: [HELP, ...options], verb: { effect: 'change', why }, examples };
}

/** A program that changes files unless one of `only` is given (`gzip -c` writes to standard output). */
function changesUnless(
  names: string[],
  summary: string,
  why: string,
  only: string[],
  examples: ProgramSpec['examples'],
  options: OptionDecl[] = [],
): ProgramSpec {
  const when: VerbWhen = { unless: { options: only.map((name) => ({ name })) }, verb: { effect: 'change', why } };
  return { names, family: 'files', summary, options: [HELP, ...only.map((n) => flag(n)), ...options], when: [when], examples };
}

// gzip and its kin: `-c`/`--stdout` writes to standard output, `-l` lists, `-t` tests; nothing else changes.
const COMPRESSOR_READS = ['-c', '-l', '-t', '--stdout', '--to-stdout', '--list', '--test'];

export const FILES: readonly ProgramSpec[] = [
  changes(['rm'], 'removes files and folders', 'removes files', {
    block: ['rm -rf /', 'rm -rf ~'],
    allow: ['rm build/app.o', 'rm -rf ./dist'],
  }),
  changes(['srm'], 'removes files securely (overwrites them first)', 'overwrites and removes files', {
    block: ['srm -r /'],
    allow: ['srm secret.txt'],
  }),
  changes(['rmdir'], 'removes empty folders', 'removes folders', { block: [], allow: ['rmdir build/empty'] }),
  changes(['unlink'], 'removes one file', 'removes a file', { block: [], allow: ['unlink tmp.txt'] }),
  changes(['shred'], 'overwrites files so they cannot be recovered', 'overwrites files', {
    block: ['shred /dev/sda'],
    allow: ['shred -u old-key.pem'],
  }),
  changes(['mv'], 'moves and renames files', 'moves files', { block: ['mv /etc /tmp/etc'], allow: ['mv a.txt b.txt'] }),
  changes(['cp'], 'copies files', 'writes copies of files', { block: [], allow: ['cp a.txt b.txt'] }),
  changes(['dd'], 'copies and converts raw data between files and devices', 'writes its output file or device', {
    block: ['dd if=/dev/zero of=/dev/sda'],
    allow: ['dd if=/dev/zero of=./disk.img bs=1M count=10'],
  }),
  changes(['touch'], 'creates files and sets their times', 'creates files or changes their times', {
    block: [],
    allow: ['touch notes.txt'],
  }),
  changes(['mkdir'], 'creates folders', 'creates folders', { block: [], allow: ['mkdir -p build/out'] }),
  changes(['mkfifo'], 'creates named pipes', 'creates a named pipe', { block: [], allow: ['mkfifo ./pipe'] }),
  changes(['mknod'], 'creates device and special files', 'creates a special file', { block: [], allow: ['mknod ./pipe p'] }),
  changes(['chmod'], 'changes file modes', 'changes file modes', { block: ['chmod -R 777 /'], allow: ['chmod +x ./build.sh'] }),
  changes(['chown'], 'changes file owners', 'changes file owners', { block: ['chown -R nobody /'], allow: ['chown me:me notes.txt'] }),
  changes(['chgrp'], 'changes file groups', 'changes file groups', { block: [], allow: ['chgrp staff notes.txt'] }),
  changes(['chattr'], 'changes file attributes on Linux file systems', 'changes file attributes', {
    block: [],
    allow: ['chattr +i ./lock'],
  }),
  changes(['setfacl'], 'changes access control lists of files', 'changes who may use files', {
    block: [],
    allow: ['setfacl -m u:me:r notes.txt'],
  }),
  changes(['ln', 'link'], 'creates links', 'creates links', { block: [], allow: ['ln -s ../shared/config config'] }),
  changes(['truncate'], 'shrinks or extends files', 'changes the size of files', { block: [], allow: ['truncate -s 0 build.log'] }),
  changes(['install'], 'copies files and sets their modes', 'copies files into place', {
    block: [],
    allow: ['install -m 755 bin/tool ./out/tool'],
  }),
  changes(['patch'], 'applies a diff to files', 'changes files by a diff', { block: [], allow: ['patch -p1 < fix.diff'] }),
  changes(['sponge'], 'soaks up standard input and writes it to a file', 'writes a file', {
    block: [],
    allow: ['sort notes.txt | sponge notes.txt'],
  }),
  changes(['split', 'csplit'], 'splits a file into pieces', 'writes the pieces as files', {
    block: [],
    allow: ['split -l 1000 big.csv part-'],
  }),
  // Filters that write a file only when told to: what they write is a path with a write role.
  {
    names: ['tee'],
    family: 'files',
    summary: 'copies standard input to standard output and to files',
    options: [HELP],
    operands: [{ kind: 'path', access: 'write', rest: true }],
    examples: { block: ['echo x | tee /etc/passwd'], allow: ['make 2>&1 | tee /dev/null'] },
  },
  {
    names: ['sort'],
    family: 'files',
    summary: 'sorts lines (with -o, into a file)',
    options: [
      HELP,
      { names: ['-o', '--output'], value: 'required', role: { kind: 'path', access: 'write' } },
      ...['-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory', '--files0-from'].map(
        (n): OptionDecl => ({ names: [n], value: 'required' }),
      ),
    ],
    operands: [{ kind: 'path', access: 'read', rest: true }],
    examples: { block: [], allow: ['sort -u names.txt', 'sort -o sorted.txt names.txt'] },
  },
  {
    names: ['uniq'],
    family: 'files',
    summary: 'filters repeated lines (a second operand is the file it writes)',
    options: [
      HELP,
      ...['-f', '--skip-fields', '-s', '--skip-chars', '-w', '--check-chars'].map((n): OptionDecl => ({ names: [n], value: 'required' })),
    ],
    operands: [
      { kind: 'path', access: 'read' },
      { kind: 'path', access: 'write' },
    ],
    examples: { block: [], allow: ['uniq -c words.txt', 'uniq words.txt unique.txt'] },
  },
  // Archives and compressors.
  changesUnless(['unzip'], 'extracts zip archives', 'writes the files it extracts', ['-l', '-v', '-t', '-Z'], {
    block: [],
    allow: ['unzip -l release.zip', 'unzip release.zip -d out'],
  }),
  changes(['7z', '7za'], '7-Zip archiver', 'packs or extracts files', { block: [], allow: ['7z x archive.7z'] }),
  changes(['unrar'], 'extracts rar archives', 'writes the files it extracts', { block: [], allow: ['unrar x archive.rar'] }),
  changesUnless(
    ['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', 'unzstd'],
    'compresses or decompresses files in place',
    'replaces files with their compressed or decompressed form',
    COMPRESSOR_READS,
    { block: [], allow: ['gzip -c notes.txt > notes.txt.gz', 'gzip build.log'] },
  ),
  // Editors, build tools and downloaders: they write what they are asked to.
  changes(['nano'], 'text editor', 'edits files', { block: [], allow: ['nano notes.txt'] }),
  changes(['code'], 'Visual Studio Code (opens and edits files, installs extensions)', 'edits files and settings', {
    block: [],
    allow: ['code .'],
  }),
  changes(['ninja'], 'Ninja build system', 'builds (writes outputs and runs build steps)', { block: [], allow: ['ninja -C build'] }),
  changes(['cmake'], 'CMake build generator', 'generates and runs builds', { block: [], allow: ['cmake -S . -B build'] }),
  changes(['bazel'], 'Bazel build system', 'builds (writes outputs and runs build steps)', {
    block: [],
    allow: ['bazel build //app:server'],
  }),
  changes(['ant'], 'Apache Ant build tool', 'builds (writes outputs and runs build steps)', { block: [], allow: ['ant compile'] }),
  changes(['git-filter-repo'], "rewrites a git repository's history", 'rewrites history', {
    block: [],
    allow: ['git-filter-repo --help'],
  }),
  changes(['bfg'], "BFG Repo-Cleaner: removes files and secrets from a repository's history", 'rewrites history', {
    block: [],
    allow: ['bfg --version'],
  }),
  changes(['aria2c'], 'downloads files', 'writes the files it downloads', { block: [], allow: ['aria2c https://example.com/file.iso'] }),
  changes(['axel'], 'downloads files', 'writes the files it downloads', { block: [], allow: ['axel https://example.com/file.iso'] }),
];

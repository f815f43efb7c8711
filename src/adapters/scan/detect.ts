// Which extractor reads a file, from its path (and, for scripts without an extension, its shebang).
import path from 'node:path';
import { extractDockerfile } from './dockerfile.js';
import { extractGithubActions } from './github-actions.js';
import { extractGitlabCi } from './gitlab-ci.js';
import { extractMakefile } from './makefile.js';
import { extractPackageJson } from './package-json.js';
import { extractShellScript, isShellShebang } from './shell-script.js';
import type { Extractor, ScanSource } from './types.js';

export interface FileKind {
  source: ScanSource;
  extract: Extractor;
}

const KINDS: Record<ScanSource, Extractor> = {
  'github-actions': extractGithubActions,
  'gitlab-ci': extractGitlabCi,
  makefile: extractMakefile,
  dockerfile: extractDockerfile,
  'package.json': extractPackageJson,
  'shell-script': extractShellScript,
};

/** The kind of a file by its path alone, or null when only its content can tell. */
export function kindByPath(filePath: string): ScanSource | null {
  const p = filePath.split(path.sep).join('/');
  const base = p.split('/').pop()!;
  const yaml = /\.ya?ml$/i.test(base);
  if (base === 'package.json') return 'package.json';
  if (/^(GNUmakefile|[Mm]akefile)$/.test(base) || /\.mk$/.test(base)) return 'makefile';
  if (/^(Dockerfile|Containerfile)(\..+)?$/.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (yaml && /(^|\/)\.github\/workflows\//.test(p)) return 'github-actions';
  if (/^action\.ya?ml$/.test(base)) return 'github-actions';
  if (/(^|\.)gitlab-ci\.ya?ml$/.test(base) || (yaml && /(^|\/)\.gitlab\/ci\//.test(p))) return 'gitlab-ci';
  if (/\.(sh|bash)$/.test(base)) return 'shell-script';
  return null;
}

/** The extractor for a file, given its path and the start of its content. */
export function fileKind(filePath: string, head: string): FileKind | null {
  const source = kindByPath(filePath) ?? (isShellShebang(head) ? 'shell-script' : null);
  return source ? { source, extract: KINDS[source] } : null;
}

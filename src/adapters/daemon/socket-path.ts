// Where the hook daemon for one environment listens: $SEATBELT_HOME/daemon/<env digest>.sock. The
// folder is the operator's (0700), so only the account itself reaches the socket; one daemon per
// environment, because a daemon judges with the environment it was started in.
import type { Stats } from 'node:fs';
import { join } from 'node:path';

/** A Unix socket's path must fit sockaddr_un (108 bytes on Linux, 104 on macOS, with its NUL). */
export const MAX_SOCKET_PATH = 103;

export function daemonDir(home: string): string {
  return join(home, 'daemon');
}

/** The socket for `envDigest` under `home`, or null when its path is too long for a Unix socket. */
export function socketPath(home: string, envDigest: string): string | null {
  const p = join(daemonDir(home), `${envDigest.slice(0, 16)}.sock`);
  return Buffer.byteLength(p) <= MAX_SOCKET_PATH ? p : null;
}

/** Whether the daemon folder is the account's own and only it can open it: the daemon listens nowhere else. */
export function isPrivateFolder(st: Stats): boolean {
  const uid = process.getuid?.();
  return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o077) === 0;
}

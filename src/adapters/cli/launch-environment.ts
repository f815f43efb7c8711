// What bin/seatbelt changes in the environment of the node it starts for exec, check, sql and the
// host hooks, put back here first thing: whatever they run or start (the command, a SQL client, the
// ledger shipper, the hook daemon) gets the environment as given.
// - NODE_EXTRA_CA_CERTS makes Node 20 read and parse the named bundle with its own root
//   certificates as it starts (~35 ms here, in every process), for TLS, which these commands never
//   speak: their node starts without it, kept in SEATBELT_EXTRA_CA_CERTS.
// - GLIBC_TUNABLES gains glibc.malloc.hugetlb=1 (before the host's own settings, which win): node
//   copies the snapshot blob into fresh memory twice as it starts, and glibc then backs those blocks
//   with transparent huge pages (~1,500 page faults fewer; exec, check and sql 1–2.5 ms faster,
//   measured). What it was is kept in SEATBELT_GLIBC_TUNABLES: "set:<value>", or "unset".

/** Puts back what bin/seatbelt took out of, or added to, the environment. */
export function restoreLaunchEnvironment(env: NodeJS.ProcessEnv): void {
  const ca = env.SEATBELT_EXTRA_CA_CERTS;
  if (ca !== undefined) {
    env.NODE_EXTRA_CA_CERTS = ca;
    delete env.SEATBELT_EXTRA_CA_CERTS;
  }
  const tunables = env.SEATBELT_GLIBC_TUNABLES;
  if (tunables !== undefined) {
    if (tunables.startsWith('set:')) env.GLIBC_TUNABLES = tunables.slice('set:'.length);
    else delete env.GLIBC_TUNABLES;
    delete env.SEATBELT_GLIBC_TUNABLES;
  }
}

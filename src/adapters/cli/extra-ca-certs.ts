// NODE_EXTRA_CA_CERTS makes Node 20 read and parse the named bundle with its own root
// certificates as it starts (~35 ms here, in every process), for TLS. exec, check, sql and the
// host hooks make no TLS connection of their own, so bin/seatbelt starts their node without it,
// kept in SEATBELT_EXTRA_CA_CERTS, and it is put back here first thing: whatever they run or start
// (the command, a SQL client, the ledger shipper, the hook daemon) gets the environment as given.

/** Moves SEATBELT_EXTRA_CA_CERTS back to NODE_EXTRA_CA_CERTS, where bin/seatbelt took it from. */
export function restoreExtraCaCerts(env: NodeJS.ProcessEnv): void {
  const kept = env.SEATBELT_EXTRA_CA_CERTS;
  if (kept === undefined) return;
  env.NODE_EXTRA_CA_CERTS = kept;
  delete env.SEATBELT_EXTRA_CA_CERTS;
}

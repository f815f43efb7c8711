// The start-up snapshot without Node's code cache of its built-in modules.
//
// `node --build-snapshot` appends to the blob a V8 code cache of every one of Node's ~320 built-in
// modules (2.9 MB of the 8.4 MB blob here), which every start reads and copies. The built-ins a run
// of seatbelt uses are already in the snapshot's heap, compiled (the builder loads them); the few a
// cold command loads later compile from source, as any module without a cache does. Node's own
// switch for this (`--build-snapshot-config` with `withoutCodeCache`) also drops the bytecode of
// every function in the heap, which costs the hot commands far more than it saves (exec -- true
// 59 → 69 ms, measured), so the section is emptied here instead: 2-4 ms less at every start
// (--version, exec, check, sql, hook; measured interleaved).
//
// The section is the blob's last one (node_snapshotable.cc, SnapshotData::ToBlob): a vector of
// CodeCacheInfo, 64-bit little-endian sizes: [count] then per entry [id length][id][data length][data].
// It is found by walking candidate starts back from the end until one walks to the exact end with
// module-id-shaped names; without that exact fit the blob is left as it is.

// Node 20 has ~320 built-ins; a start inside the last entry's data could fit a short walk by chance.
const MIN_ENTRIES = 16;
const MAX_ENTRIES = 4096;
const MAX_ID = 256;
const MODULE_ID = /^[a-z0-9_./-]+$/i;

/** Where the built-in code cache section starts in `blob`, or -1 when no exact fit is found. */
export function codeCacheSectionStart(blob) {
  // Entries are at least 17 bytes and the section is the tail: look back as far as the blob goes.
  for (let start = blob.length - 8; start >= 0; start--) {
    if (walksToEnd(blob, start)) return start;
  }
  return -1;
}

function walksToEnd(blob, start) {
  const count = readSize(blob, start);
  if (count < MIN_ENTRIES || count > MAX_ENTRIES) return false;
  let at = start + 8;
  for (let i = 0; i < count; i++) {
    const idLength = readSize(blob, at);
    if (idLength < 1 || idLength > MAX_ID || at + 8 + idLength > blob.length) return false;
    if (!MODULE_ID.test(blob.toString('latin1', at + 8, at + 8 + idLength))) return false;
    at += 8 + idLength;
    const dataLength = readSize(blob, at);
    if (dataLength < 0 || at + 8 + dataLength > blob.length) return false;
    at += 8 + dataLength;
  }
  return at === blob.length;
}

/** A 64-bit size at `at`, or -1 when it does not fit in the blob or in a safe integer. */
function readSize(blob, at) {
  if (at < 0 || at + 8 > blob.length) return -1;
  const n = blob.readBigUInt64LE(at);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(n);
}

/** `blob` with its built-in code cache emptied (a count of zero), or null when the section is not found. */
export function withoutBuiltinCodeCache(blob) {
  const start = codeCacheSectionStart(blob);
  if (start < 0) return null;
  return Buffer.concat([blob.subarray(0, start), Buffer.alloc(8)]);
}

// The chain checks of verify: seq order, gaps, duplicates and forks, and prev_hash links, each
// damage reported once, on the line where it shows (a deleted record is one SEQ_GAP, two swapped
// records one CHAIN_BREAK, a garbled line one MALFORMED and no gap for the seq it hid).
import { GENESIS_HASH } from './seal.js';
import type { Finding, Line } from './verify.js';

export function checkChain(lines: Line[], chain: Line[], findings: Finding[]): void {
  const bySeq = new Map<number, Line[]>();
  for (const l of chain) {
    const list = bySeq.get(l.record!.seq) ?? [];
    list.push(l);
    bySeq.set(l.record!.seq, list);
  }
  const add = (l: Line, cls: Finding['class'], detail: string) => findings.push({ line: l.no, seq: l.record!.seq, class: cls, detail });
  // Lines that are not records (and not accounted for) explain missing seqs next to them.
  const unparsedBefore: number[] = [];
  let unparsed = 0;
  for (const l of lines) {
    unparsedBefore[l.no] = unparsed;
    if (!l.accounted && l.terminated && !l.record) unparsed++;
  }
  let maxSeq = -1;
  let maxLine: Line | null = null;
  let prevChainLine: Line | null = null;
  for (const l of chain) {
    const r = l.record!;
    const same = bySeq.get(r.seq)!;
    const earlier = same.slice(0, same.indexOf(l));
    const twin = earlier.find((e) => e.record!.hash === r.hash);
    if (twin) {
      add(l, 'DUPLICATE', `the same record as line ${twin.no} (seq ${r.seq} appears twice)`);
      prevChainLine = l;
      continue;
    }
    if (earlier.length > 0) {
      add(
        l,
        'DUPLICATE',
        `fork: seq ${r.seq} is also line ${earlier[0]!.no}, a different record${earlier[0]!.record!.prev_hash === r.prev_hash ? ' with the same prev_hash' : ''}`,
      );
    } else if (r.seq < maxSeq) {
      add(l, 'CHAIN_BREAK', `out of order: seq ${r.seq} comes after seq ${maxSeq} (line ${maxLine!.no}); records were moved`);
    } else if (r.seq > maxSeq + 1) {
      let missing = 0;
      for (let s = maxSeq + 1; s < r.seq; s++) if (!bySeq.has(s)) missing++;
      const explained = unparsedBefore[l.no]! - (prevChainLine ? unparsedBefore[prevChainLine.no]! : 0);
      if (missing > explained) {
        const range = r.seq - maxSeq - 1 === 1 ? `seq ${maxSeq + 1} is` : `seq ${maxSeq + 1}..${r.seq - 1} are`;
        add(l, 'SEQ_GAP', `${range} missing before this record: records were deleted`);
      }
    }
    if (r.seq === 0) {
      if (r.prev_hash !== GENESIS_HASH) add(l, 'CHAIN_BREAK', 'the first record (seq 0) must have the genesis prev_hash (64 zeros)');
    } else {
      const parents = bySeq.get(r.seq - 1);
      if (parents && !parents.some((p) => p.record!.hash === r.prev_hash)) {
        add(l, 'CHAIN_BREAK', `prev_hash does not match the hash of seq ${r.seq - 1} (line ${parents[0]!.no})`);
      }
    }
    if (r.seq > maxSeq) {
      maxSeq = r.seq;
      maxLine = l;
    }
    prevChainLine = l;
  }
}

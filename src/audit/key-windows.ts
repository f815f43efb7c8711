// Which key may sign when. Pure (no Node, no DOM): `verify` and the HTML report's in-browser
// verifier both run it over the records whose hash and signature already checked out.
//
// A record signed by key K is KEY_NOT_VALID_AT when
//  - it comes after a key_rotation record (in this trail) that retired K: the order of the chain
//    proves it, whatever the record's own time says; or
//  - a keyring gives K a window and the record's time is after the window closed (not_after); or
//  - its time is before the window opened (not_before) and no key_rotation record earlier in this
//    trail introduced K. (After that record, a slightly earlier time is a body built just before
//    the rotation took the lock, not a key used too soon: the chain order settles it.)

export interface KeyWindow {
  key_id: string;
  not_before: string;
  not_after?: string | null;
}

export interface SignedRecordRef {
  line: number;
  seq: number;
  time: string;
  type: string;
  key_id: string;
  /** For a key_rotation record: the key it introduces. */
  new_key_id?: string;
  /** True when the record's hash and signature verified. Others are already findings. */
  trusted: boolean;
}

export interface KeyValidityFinding {
  line: number;
  seq: number;
  class: 'KEY_NOT_VALID_AT';
  detail: string;
}

export const KEY_ROTATION = 'key_rotation';

export function keyValidityFindings(records: readonly SignedRecordRef[], windows?: readonly KeyWindow[] | null): KeyValidityFinding[] {
  const v = new KeyValidity(windows);
  return records.flatMap((r) => v.check(r) ?? []);
}

/** The same rule fed one record at a time, in chain order (verify streams). */
export class KeyValidity {
  private readonly byKey: Map<string, KeyWindow>;
  private readonly retired = new Map<string, SignedRecordRef>();
  private readonly introduced = new Set<string>();

  constructor(windows?: readonly KeyWindow[] | null) {
    this.byKey = new Map((windows ?? []).map((w) => [w.key_id, w]));
  }

  check(r: SignedRecordRef): KeyValidityFinding | null {
    if (!r.trusted) return null;
    const rotation = this.retired.get(r.key_id);
    const w = this.byKey.get(r.key_id);
    const t = Date.parse(r.time);
    let detail: string | null = null;
    if (rotation) {
      detail = `signed by ${r.key_id}, which the key_rotation record on line ${rotation.line} (seq ${rotation.seq}) retired before this record`;
    } else if (w && w.not_after && t > Date.parse(w.not_after)) {
      detail = `signed by ${r.key_id} at ${r.time}, after the key was retired at ${w.not_after}`;
    } else if (w && t < Date.parse(w.not_before) && !this.introduced.has(r.key_id)) {
      detail = `signed by ${r.key_id} at ${r.time}, before the key's validity began at ${w.not_before}`;
    }
    if (r.type === KEY_ROTATION && r.new_key_id && r.new_key_id !== r.key_id && detail === null) {
      this.retired.set(r.key_id, r);
      this.introduced.add(r.new_key_id);
    }
    return detail === null ? null : { line: r.line, seq: r.seq, class: 'KEY_NOT_VALID_AT', detail };
  }
}

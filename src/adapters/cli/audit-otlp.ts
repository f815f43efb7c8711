// `seatbelt audit export --otlp URL [--follow]`: the trail's verified records (with the export's
// filters) as OpenTelemetry log records over OTLP/HTTP JSON, to a Collector and from there to the
// SIEM. Headers (an API key) come from OTEL_EXPORTER_OTLP_HEADERS / OTEL_EXPORTER_OTLP_LOGS_HEADERS.
import type { RecordFilter } from '../../audit/read.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import { EXIT, SeatbeltError } from '../../core/error.js';

export interface OtlpFlags {
  otlp?: string;
  audit?: string;
  follow?: boolean;
  batch?: string;
  interval?: string;
  keyring?: string;
  out?: string;
  from?: string;
}

const VERSION = '0.1.0';

export async function exportOtlp(f: OtlpFlags, filter: RecordFilter): Promise<number> {
  if (f.out !== undefined || f.from !== undefined) throw new SeatbeltError('USAGE', 'audit export --otlp: not with --out or --from');
  const batch = Number(f.batch ?? '500');
  const interval = Number(f.interval ?? '1000');
  if (!Number.isSafeInteger(batch) || batch < 1) throw new SeatbeltError('USAGE', `--batch: expected a whole number ≥ 1, got "${f.batch}"`);
  if (!Number.isSafeInteger(interval) || interval < 50)
    throw new SeatbeltError('USAGE', `--interval: expected milliseconds ≥ 50, got "${f.interval}"`);
  const { otlpLogsUrl, otlpHeaders, OtlpTrailExporter } = await import('../otlp/export.js');
  const { recordMatcher } = await import('../../audit/read.js');
  const { verificationKeys } = await import('../../audit/keyring.js');
  const url = otlpLogsUrl(f.otlp!);
  const trail = f.audit ?? defaultAuditFile();
  const keys = verificationKeys({ home: seatbeltHome(), ...(f.keyring !== undefined ? { keyringFile: f.keyring } : {}) });
  const exporter = new OtlpTrailExporter(trail, keys, {
    url,
    headers: otlpHeaders(process.env),
    version: VERSION,
    batch,
    matcher: recordMatcher,
    filter,
  });
  const say = (s: string) => process.stderr.write(`seatbelt: ${s}\n`);
  let stop = false;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    stop = true;
    wake?.();
  };
  if (f.follow) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  let findings = false;
  try {
    for (;;) {
      const r = await exporter.round();
      if (r.sent || !f.follow)
        say(
          `${trail} → ${url.origin}${url.pathname}: sent ${r.sent} log record(s)${r.rejected ? `, ${r.rejected} rejected by the receiver` : ''}`,
        );
      if (r.stopped) {
        findings = true;
        say(
          `line ${r.stopped.line} (seq ${r.stopped.seq ?? '-'}) does not verify and was not sent: ${r.stopped.detail} (check with: seatbelt verify ${trail})`,
        );
      }
      if (r.rejected) findings = true;
      if (!f.follow || stop) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, interval);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
      if (stop) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return findings ? EXIT.FINDINGS : EXIT.OK;
}

// `seatbelt verify --from postgres://… [--log ID]`: every log of the central ledger, streamed, with
// the finding classes of a trail file plus the ledger's own (docs/fleet.md). Exit 0 intact, 1 findings.
import { seatbeltHome } from '../../audit/paths.js';
import { TRUNCATION_NOTE } from '../../audit/verify.js';
import { EXIT } from '../../core/error.js';

export async function verifyFromLedger(
  raw: string,
  o: { logs: string[]; pubkeys: string[]; keyring?: string; json: boolean; everySignature?: boolean },
): Promise<number> {
  const { parseLedgerUrl, connectLedger, redactUrl, ledgerError } = await import('../ledger/connect.js');
  const { requireSchema } = await import('../ledger/migrations.js');
  const { verifyLedger } = await import('../ledger/verify.js');
  const { verificationKeys } = await import('../../audit/keyring.js');
  const url = parseLedgerUrl(raw, '--from');
  const where = redactUrl(url.toString());
  const keys = verificationKeys({
    home: seatbeltHome(),
    ...(o.keyring !== undefined ? { keyringFile: o.keyring } : {}),
    ...(o.pubkeys.length ? { pubkeyFiles: o.pubkeys } : {}),
  });
  const client = await connectLedger(url, { applicationName: 'seatbelt verify' });
  try {
    await requireSchema(client, where);
    let ok = true;
    let logs = 0;
    let records = 0;
    await verifyLedger(client, {
      logs: o.logs,
      keys,
      everySignature: o.everySignature === true,
      onLog: (r) => {
        ok &&= r.ok;
        logs++;
        records += r.records;
        if (o.json) return void process.stdout.write(`${JSON.stringify({ ledger: where, ...r })}\n`);
        const lines = r.findings.map((f) => `log ${r.log} seq ${f.seq ?? '-'} ${f.class} ${f.detail}`);
        const cp = r.checkpoint ? `; checkpoint of size ${r.checkpoint.size}: ${r.checkpoint.status}` : '; no checkpoint shipped';
        lines.push(
          `log ${r.log}: ${r.records} records (${r.decisions} decisions): ${r.ok ? 'intact' : `${r.findings.length} finding(s)`}` +
            `${r.lastSeq !== null ? `; last seq ${r.lastSeq} hash ${r.lastHash}` : ''}${cp}`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      },
    });
    if (!o.json) process.stdout.write(`${where}: ${logs} log(s), ${records} records: ${ok ? 'intact' : 'findings'}\n${TRUNCATION_NOTE}\n`);
    return ok ? EXIT.OK : EXIT.FINDINGS;
  } catch (err) {
    throw ledgerError(err, where);
  } finally {
    await client.end().catch(() => {});
  }
}

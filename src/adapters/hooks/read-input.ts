// Reads a hook's stdin whole, with a size cap and a deadline: the host writes the payload at once,
// so a stream that keeps going or never ends is refused (fail closed), never waited on forever.
import { SeatbeltError } from '../../core/error.js';

export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

export function readInput(stream: NodeJS.ReadableStream, opts: { maxBytes: number; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null, text?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if ('pause' in stream) stream.pause();
      if (err) reject(err);
      else resolve(text!);
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > opts.maxBytes) finish(new SeatbeltError('INPUT', `hook input exceeds ${opts.maxBytes} bytes`));
      else chunks.push(b);
    };
    const onEnd = (): void => {
      try {
        finish(null, new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        finish(new SeatbeltError('INPUT', 'hook input is not valid UTF-8'));
      }
    };
    const onError = (err: Error): void => finish(new SeatbeltError('INPUT', `cannot read hook input: ${err.message}`));
    const timer = setTimeout(
      () => finish(new SeatbeltError('INPUT', `no complete hook input on stdin within ${opts.timeoutMs / 1000}s`)),
      opts.timeoutMs,
    );
    timer.unref?.();
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

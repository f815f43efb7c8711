// Server-sent events, both ways: an incremental parser for the upstream's bytes (events may be
// split anywhere, even inside a UTF-8 character) and the writer for what the gateway sends on.
export interface SseEvent {
  event?: string;
  data: string;
}

export class SseParser {
  private decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  private buf = '';
  private event: string | undefined;
  private data: string[] = [];
  private sawField = false;

  /** Feed bytes; returns the events completed by them. */
  push(chunk: Uint8Array): SseEvent[] {
    this.buf += this.decoder.decode(chunk, { stream: true });
    return this.lines(false);
  }

  /** End of input: an event not closed by a blank line is still returned (some servers omit the last one). */
  end(): SseEvent[] {
    this.buf += this.decoder.decode();
    const out = this.lines(true);
    if (this.sawField) out.push(this.take());
    return out;
  }

  private lines(final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buf.length; i++) {
      const c = this.buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (c === 13 && i === this.buf.length - 1 && !final) break;
      const line = this.buf.slice(start, i);
      if (c === 13 && this.buf.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      this.line(line, out);
    }
    this.buf = this.buf.slice(start);
    if (final && this.buf) {
      this.line(this.buf, out);
      this.buf = '';
    }
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.sawField) out.push(this.take());
      return;
    }
    if (line.startsWith(':')) return; // a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') {
      this.event = value;
      this.sawField = true;
    } else if (field === 'data') {
      this.data.push(value);
      this.sawField = true;
    }
  }

  private take(): SseEvent {
    const e: SseEvent = { data: this.data.join('\n'), ...(this.event !== undefined ? { event: this.event } : {}) };
    this.event = undefined;
    this.data = [];
    this.sawField = false;
    return e;
  }
}

export function formatSse(e: SseEvent): string {
  const head = e.event !== undefined ? `event: ${e.event}\n` : '';
  return (
    head +
    e.data
      .split('\n')
      .map((l) => `data: ${l}\n`)
      .join('') +
    '\n'
  );
}

/** An SSE comment: every client skips it (the openai and anthropic SDKs included). */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

// The gateway's metrics in the Prometheus text format (version 0.0.4): counters and histograms
// kept in memory, rendered on GET /metrics. Label values are escaped; nothing caller-controlled
// but the API name, the status and the rule id (ids are the gateway's and the engine's) is a label.
type Labels = Record<string, string>;

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

class Counter {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelText(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) out.push(`${this.name}${k} ${v}`);
    return out;
  }
}

class Gauge extends Counter {
  override render(): string[] {
    return super.render().map((l) => l.replace(/^# TYPE (\S+) counter$/, '# TYPE $1 gauge'));
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets = LATENCY_BUCKETS,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const k = labelText(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (seconds <= this.buckets[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      out.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      out.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`, `${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export class GatewayMetrics {
  readonly requests = new Counter('seatbelt_gateway_requests_total', 'HTTP requests answered, by API and status code.');
  readonly decisions = new Counter('seatbelt_gateway_decisions_total', 'Tool-call decisions sealed, by verdict and rule.');
  readonly admissions = new Counter('seatbelt_gateway_admission_refusals_total', 'Requests refused before the upstream, by reason.');
  readonly secrets = new Counter('seatbelt_gateway_output_secrets_total', 'Secrets found in model output, by kind and action.');
  readonly upstreamErrors = new Counter('seatbelt_gateway_upstream_errors_total', 'Upstream failures: unreachable, malformed.');
  readonly inflight = new Gauge('seatbelt_gateway_inflight_requests', 'Requests being answered now.');
  readonly upstreamLatency = new Histogram(
    'seatbelt_gateway_upstream_latency_seconds',
    'Upstream time: to the whole body (non-streamed) or to the first event (streamed).',
  );
  readonly addedLatency = new Histogram(
    'seatbelt_gateway_added_latency_seconds',
    "The gateway's own time: total minus upstream time (non-streamed), or time to first byte minus the upstream's (streamed).",
  );

  render(): string {
    const m = process.memoryUsage();
    const processLines = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${m.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${m.heapUsed}`,
      '# HELP nodejs_external_memory_bytes Memory outside the V8 heap held by JavaScript objects (buffers, WebAssembly memories), in bytes.',
      '# TYPE nodejs_external_memory_bytes gauge',
      `nodejs_external_memory_bytes ${m.external}`,
    ];
    const all = [
      this.requests,
      this.decisions,
      this.admissions,
      this.secrets,
      this.upstreamErrors,
      this.inflight,
      this.upstreamLatency,
      this.addedLatency,
    ];
    return [...all.flatMap((x) => x.render()), ...processLines].join('\n') + '\n';
  }
}

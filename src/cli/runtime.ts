import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CoastguardError, ExitCode, inputError, usageError } from '../core/errors.js';
import type { Command, CommandContext } from './command.js';
import type { ScanResult } from '../core/types.js';
import { chosenEngine, ENGINE_USAGE, engineFlags as engineApiFlags } from './engine-flags.js';
import { flagList } from './flag-values.js';
import {
  alertJsonLine,
  alertsTable,
  decodePayload,
  decodeText,
  expandRulesPaths,
  fileSink,
  parseAlertFormat,
  parsePriority,
  RuntimeEngine,
  startServer,
  streamSink,
  webhookSink,
  type Alert,
  type AlertSink,
  type DecodeResult,
  type EngineOptions,
} from '../runtime/index.js';

/** Files larger than this are read as JSON lines, streaming. */
const STREAM_THRESHOLD = 64 * 1024 * 1024;

const engineFlags = {
  rules: { type: 'string', short: 'r', multiple: true },
  'rule-matching': { type: 'string' },
  'min-priority': { type: 'string' },
  'enable-tag': { type: 'string', multiple: true },
  'disable-tag': { type: 'string', multiple: true },
  'disable-rule': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean', short: 'd' },
} as const;

function loadEngine(ctx: CommandContext, source?: EngineOptions['fieldSource'], defaults?: { path: string; text: string }): RuntimeEngine {
  const rules = flagList(ctx.values.rules);
  if (!rules.length && !defaults) throw usageError('--rules FILE is required (Falco rules YAML; repeatable)', `coastguard runtime`);
  const opts: EngineOptions = { fieldSource: source };
  const rm = ctx.values['rule-matching'];
  if (rm !== undefined) {
    if (rm !== 'first' && rm !== 'all') throw usageError(`--rule-matching must be "first" or "all", not "${rm}"`, 'coastguard runtime');
    opts.ruleMatching = rm;
  }
  const mp = ctx.values['min-priority'];
  if (mp !== undefined) {
    const p = parsePriority(String(mp));
    if (!p) throw usageError(`--min-priority: unknown priority "${mp}"`, 'coastguard runtime');
    opts.minPriority = p;
  }
  opts.enableTags = flagList(ctx.values['enable-tag']);
  opts.disableTags = flagList(ctx.values['disable-tag']);
  opts.disableRules = flagList(ctx.values['disable-rule']);
  const engine = rules.length ? RuntimeEngine.fromFiles(expandRulesPaths(rules), opts) : RuntimeEngine.fromTexts([defaults!], opts);
  const s = engine.summary;
  if (!ctx.values.quiet) {
    const bySource = new Map<string, number>();
    for (const k of s.skipped) bySource.set(k.source, (bySource.get(k.source) ?? 0) + 1);
    const skippedText = [...bySource].map(([src, n]) => `${n} ${src}`).join(', ');
    ctx.stderr.write(
      `coastguard: runtime: ${engine.activeRules} ${source?.source ?? 'k8s_audit'} rules enabled from ${s.files.length} file(s)` +
        (s.skipped.length ? `; ${s.skipped.length} rules not evaluated (${skippedText}: no such event stream here; --verbose lists them)` : '') +
        '\n',
    );
    for (const w of s.warnings) ctx.stderr.write(`coastguard: runtime: warning: ${w}\n`);
    if (ctx.values.verbose) {
      for (const k of s.skipped) ctx.stderr.write(`coastguard: runtime: skipped rule "${k.rule}" (${k.source}) at ${k.loc}: ${k.reason}\n`);
      for (const n of s.notes) ctx.stderr.write(`coastguard: runtime: note: ${n}\n`);
    }
  }
  return engine;
}

const check: Command = {
  name: 'check',
  summary: 'run audit events (JSON lines, an Event or an EventList) through Falco rules',
  usage: [
    'Usage: coastguard runtime check --rules FILE|DIR [--rules …] [flags] EVENTS…',
    '',
    '  -r, --rules FILE|DIR      Falco rules YAML, loaded in order (later files append/override)',
    '  -f, --format json|table   json: one alert per line (default); table: readable summary',
    '  -o, --output FILE         write alerts to FILE instead of stdout',
    '      --rule-matching first|all   one alert per event from the first matching rule (Falco default) or all',
    '      --min-priority P      drop alerts below P (debug … emergency)',
    '      --enable-tag T        only run rules tagged T (repeatable); --disable-tag T, --disable-rule NAME skip rules',
    '      --exit-code N         exit with N when any alert was raised',
    '      --validate            only load and compile the rules; print a JSON summary (skipped rules with reasons)',
    '  -v, --verbose             list rules not evaluated and notes on stderr',
    '  EVENTS                    files of audit events; "-" reads stdin',
  ].join('\n'),
  options: {
    ...engineFlags,
    format: { type: 'string', short: 'f', multiple: true },
    output: { type: 'string', short: 'o', multiple: true },
    'exit-code': { type: 'string' },
    validate: { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.values.validate) {
      // Like `falco --validate`: load and compile, report, no events needed.
      const engine = loadEngine({ ...ctx, values: { ...ctx.values, quiet: false } });
      const s = engine.summary;
      ctx.stdout.write(
        JSON.stringify({ valid: true, files: s.files, rules: s.rulesLoaded, enabled: s.rulesEnabled, skipped: s.skipped, warnings: s.warnings, notes: s.notes }, null, 2) + '\n',
      );
      return ExitCode.OK;
    }
    if (!ctx.positionals.length) throw usageError('no events file given', 'coastguard runtime check --rules FILE EVENTS…');
    const formats = flagList(ctx.values.format);
    const outputs = flagList(ctx.values.output);
    const pairs = (formats.length ? formats : ['json']).map((f, i) => {
      const fmt = parseAlertFormat(f);
      if (!fmt) throw usageError(`--format must be json or table, not "${f}"`, 'coastguard runtime check');
      return { fmt, out: outputs[i] };
    });
    if (outputs.length > pairs.length) for (const o of outputs.slice(pairs.length)) pairs.push({ fmt: 'json', out: o });
    let exitCode: number | undefined;
    if (ctx.values['exit-code'] !== undefined) {
      exitCode = Number(ctx.values['exit-code']);
      if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) throw usageError('--exit-code must be an integer 0-255', 'coastguard runtime check');
    }
    const engine = loadEngine(ctx);
    const alerts: Alert[] = [];
    let events = 0;
    let skippedShown = 0;
    let skippedTotal = 0;
    const skipped = (detail: string, file: string) => {
      skippedTotal++;
      if (skippedShown++ < 10) ctx.stderr.write(`coastguard: runtime: skipped input: ${detail}: ${file}\n`);
    };
    const evaluate = (dec: DecodeResult, file: string) => {
      events += dec.events.length;
      for (const s of dec.skipped) skipped(s.detail, file);
      for (const e of dec.events) {
        try {
          alerts.push(...engine.process(e));
        } catch (err) {
          // One pathological event (e.g. nesting too deep to render) must not stop the run.
          skipped(`event #${e.num}: ${(err as Error).message}`, file);
        }
      }
    };
    for (const file of ctx.positionals) {
      let size = 0;
      try {
        size = file === '-' ? 0 : statSync(file).size;
      } catch (e) {
        throw inputError(`cannot read events file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
      }
      if (size > STREAM_THRESHOLD) {
        // Big audit logs are JSON lines: stream them instead of holding the file in memory.
        const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
        try {
          for await (const line of lines) if (line.trim()) evaluate(decodePayload(line, { firstNum: events + 1 }), file);
        } catch (e) {
          throw inputError(`cannot read events file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
        }
        continue;
      }
      let text: string;
      try {
        text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      } catch (e) {
        throw inputError(`cannot read events file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
      }
      evaluate(decodeText(text, { firstNum: events + 1 }), file);
    }
    if (skippedTotal > 10) ctx.stderr.write(`coastguard: runtime: ${skippedTotal} inputs skipped in total\n`);
    for (const { fmt, out } of pairs) {
      const text = fmt === 'json' ? alerts.map(alertJsonLine).join('') : alertsTable(alerts);
      if (out) {
        try {
          writeFileSync(out, text);
        } catch (e) {
          throw inputError(`cannot write output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, out);
        }
      } else ctx.stdout.write(text);
    }
    if (!ctx.values.quiet) ctx.stderr.write(`coastguard: runtime: ${events} events, ${alerts.length} alerts, ${skippedTotal} inputs skipped\n`);
    return alerts.length && exitCode !== undefined ? exitCode : ExitCode.OK;
  },
};

/**
 * "127.0.0.1:8765" binds that host; ":8765" every interface (Falco's and Go's meaning; host "");
 * "8765" alone stays on loopback.
 */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]*):)?(\d+)$/.exec(s.trim());
  if (!m) throw usageError(`--listen must be HOST:PORT, not "${s}"`, 'coastguard runtime serve');
  const port = Number(m[2]);
  if (port > 65535) throw usageError(`--listen port out of range: ${port}`, 'coastguard runtime serve');
  const host = m[1] === undefined ? '127.0.0.1' : m[1].replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}

/** Output flags of the long-running commands (serve, watch). */
const outputFlags = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  webhook: { type: 'string' },
  stdout: { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
} as const;

/**
 * The outputs of the long-running commands (serve, watch): --format, --output, --webhook, --stdout
 * checked before anything starts, numeric flags, and the sinks once the rules have loaded.
 */
function alertOutputs(ctx: CommandContext, where: string): { num: (name: string) => number | undefined; sinks: () => AlertSink[] } {
  const fmt = parseAlertFormat(ctx.values.format as string | undefined);
  if (!fmt) throw usageError(`--format must be json or table, not "${ctx.values.format}"`, where);
  const num = (name: string): number | undefined => {
    const v = ctx.values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw usageError(`--${name} must be a non-negative number`, where);
    return n;
  };
  const webhook = ctx.values.webhook as string | undefined;
  if (webhook !== undefined && !/^https?:\/\//.test(webhook)) throw usageError('--webhook must be an http(s) URL', webhook);
  return {
    num,
    sinks: () => {
      const sinks: AlertSink[] = [];
      if (ctx.values.stdout || (!ctx.values.output && !webhook)) sinks.push(streamSink(ctx.stdout, fmt));
      if (ctx.values.output) sinks.push(fileSink(String(ctx.values.output), fmt));
      if (webhook) sinks.push(webhookSink(webhook));
      return sinks;
    },
  };
}

const serve: Command = {
  name: 'serve',
  summary: 'receive audit webhook POSTs (EventList) and write alerts',
  usage: [
    'Usage: coastguard runtime serve --listen HOST:PORT --rules FILE|DIR [flags]',
    '',
    '  -l, --listen HOST:PORT    address to listen on (default 127.0.0.1:8765; :PORT = all interfaces); POST to /k8s-audit',
    '  -r, --rules FILE|DIR      Falco rules YAML (repeatable)',
    '  -f, --format json|table   alert lines as JSON (default) or Falco text lines',
    '  -o, --output FILE         append alerts to FILE',
    '      --webhook URL         POST each alert (JSON) to URL',
    '      --stdout              also write alerts to stdout (default when no --output/--webhook)',
    '      --rate-limit N        at most N alerts per second per rule (0 = no limit)',
    '      --rate-burst N        burst size per rule (default: N of --rate-limit)',
    '      --max-body BYTES      largest accepted request body (default 12 MiB)',
    '      --max-connections N   open connections at once (default 512)',
    '      --token TOKEN         require `Authorization: Bearer TOKEN` on POSTs and /metrics (or COASTGUARD_RUNTIME_TOKEN)',
    '      --tls-cert FILE, --tls-key FILE   serve HTTPS with this PEM certificate and key',
    '      --rule-matching, --min-priority, --enable-tag, --disable-tag, --disable-rule   as for check',
    '',
    'GET /healthz returns counters as JSON; GET /metrics in Prometheus text format.',
  ].join('\n'),
  options: {
    ...engineFlags,
    listen: { type: 'string', short: 'l' },
    ...outputFlags,
    'max-body': { type: 'string' },
    'max-connections': { type: 'string' },
    token: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  },
  async run(ctx) {
    const { host, port } = parseListen(String(ctx.values.listen ?? '127.0.0.1:8765'));
    const token = (ctx.values.token as string | undefined) ?? process.env.COASTGUARD_RUNTIME_TOKEN;
    if (token !== undefined && token.length < 16) throw usageError('--token must be at least 16 characters', 'coastguard runtime serve');
    const certFile = ctx.values['tls-cert'] as string | undefined;
    const keyFile = ctx.values['tls-key'] as string | undefined;
    if (!certFile !== !keyFile) throw usageError('--tls-cert and --tls-key go together', 'coastguard runtime serve');
    const readPem = (f: string) => {
      try {
        return readFileSync(f);
      } catch (e) {
        throw new CoastguardError(`cannot read TLS file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, f, ExitCode.INPUT);
      }
    };
    const tls = certFile && keyFile ? { cert: readPem(certFile), key: readPem(keyFile) } : undefined;
    const { num, sinks: makeSinks } = alertOutputs(ctx, 'coastguard runtime serve');
    const engine = loadEngine(ctx);
    const sinks = makeSinks();
    let srv;
    try {
      srv = await startServer({
        host,
        port,
        engine,
        sinks,
        rateLimit: { rate: num('rate-limit'), burst: num('rate-burst') },
        maxBodyBytes: num('max-body'),
        maxConnections: num('max-connections'),
        token,
        tls,
        onSkip: ctx.values.verbose ? (reason, detail) => ctx.stderr.write(`coastguard: runtime: skipped (${reason}): ${detail}\n`) : undefined,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A certificate or key that is not PEM (or does not match) is bad input, not the network.
      if (tls && !code?.startsWith('E')) throw new CoastguardError(`cannot use the TLS certificate/key (${(e as Error).message})`, `${certFile}, ${keyFile}`, ExitCode.INPUT);
      throw new CoastguardError(`cannot listen (${code ?? (e as Error).message})`, `${host || '*'}:${port}`, ExitCode.NETWORK);
    }
    ctx.stderr.write(`coastguard: runtime: listening on ${srv.url}/k8s-audit\n`);
    const s = srv;
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void s.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    const c = s.counters;
    ctx.stderr.write(`coastguard: runtime: stopped: ${c.events_processed} events, ${c.alerts_emitted} alerts, ${Object.values(c.skipped).reduce((a, b) => a + b, 0)} skipped\n`);
    return ExitCode.OK;
  },
};

const watch: Command = {
  name: 'watch',
  summary: 'follow a Docker/Podman engine\'s events and alert on them with Falco rules (source container_engine)',
  usage: [
    'Usage: coastguard runtime watch [--rules FILE|DIR …] [flags]',
    '',
    '  -r, --rules FILE|DIR      Falco rules YAML of source container_engine (default: the built-in rules)',
    '      --print-default-rules write the built-in rules to stdout and exit',
    '      --image-results FILE  scan results (coastguard image/drift --format json) for coastguard.image.* fields (repeatable)',
    '  -f, --format json|table   alert lines as JSON (default, Falco\'s alert shape) or Falco text lines',
    '  -o, --output FILE         append alerts to FILE',
    '      --webhook URL         POST each alert (JSON) to URL',
    '      --stdout              also write alerts to stdout (default when no --output/--webhook)',
    '      --rate-limit N        at most N alerts per second per rule (0 = no limit); --rate-burst N',
    '      --max-events N        stop after N container events',
    '      --rule-matching, --min-priority, --enable-tag, --disable-tag, --disable-rule   as for check',
    ...ENGINE_USAGE,
    '',
    'A cut event stream is reconnected with back-off (said on stderr); an engine unreachable at start is exit 6.',
  ].join('\n'),
  options: {
    ...engineFlags,
    ...engineApiFlags,
    ...outputFlags,
    'max-events': { type: 'string' },
    'image-results': { type: 'string', multiple: true },
    'print-default-rules': { type: 'boolean' },
  },
  async run(ctx) {
    const { DEFAULT_CONTAINER_RULES, DEFAULT_RULES_NAME } = await import('../runtime/rules/container-engine.js');
    if (ctx.values['print-default-rules']) {
      ctx.stdout.write(DEFAULT_CONTAINER_RULES);
      return ExitCode.OK;
    }
    const { num, sinks: makeSinks } = alertOutputs(ctx, 'coastguard runtime watch');
    const { containerEngineSource } = await import('../runtime/fields/container.js');
    const { watchEngine } = await import('../runtime/watch.js');
    const engine = loadEngine(ctx, containerEngineSource, { path: DEFAULT_RULES_NAME, text: DEFAULT_CONTAINER_RULES });
    const imageResults = flagList(ctx.values['image-results']).map((f) => {
      try {
        return JSON.parse(readFileSync(f, 'utf8')) as ScanResult;
      } catch (e) {
        throw inputError(`cannot read scan result (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, f);
      }
    });
    const sinks = makeSinks();
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const c = await watchEngine({
        client: chosenEngine(ctx),
        engine,
        sinks,
        rateLimit: { rate: num('rate-limit'), burst: num('rate-burst') },
        imageResults: imageResults.length ? imageResults : undefined,
        maxEvents: num('max-events'),
        signal: ac.signal,
        onStatus: (m) => ctx.stderr.write(`coastguard: runtime watch: ${m}\n`),
      });
      if (!ctx.values.quiet) ctx.stderr.write(`coastguard: runtime watch: stopped: ${c.events} container events, ${c.alerts} alerts, ${c.dropped} rate-limited, ${c.reconnects} reconnects\n`);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return ExitCode.OK;
  },
};

export const command: Command = {
  name: 'runtime',
  summary: 'Falco-compatible rules over Kubernetes audit events (check files, serve the audit webhook) or container engine events (watch)',
  usage: 'Usage: coastguard runtime check|serve|watch [flags]',
  options: {},
  subcommands: [check, serve, watch],
};

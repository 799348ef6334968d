import { readFileSync } from 'node:fs';
import { CoastguardError, ExitCode, inputError, usageError } from '../core/errors.js';
import { parseSeverityList, type Severity } from '../core/index.js';
import { ImagePolicy, parseModes, renderManifests, startAdmissionServer, vapExport, VerdictPool, type AdmissionServer } from '../admission/index.js';
import { loadPublicKey } from '../source/registry/cosign.js';
import type { Command } from './command.js';
import { commaList, flagList } from './flag-values.js';
import { parseListen } from './runtime.js';
import { loadRunPolicy } from './scan-output.js';

const readPem = (file: string, what: string) => {
  try {
    return readFileSync(file);
  } catch (e) {
    throw inputError(`cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
};

const serve: Command = {
  name: 'serve',
  summary: 'ValidatingAdmissionWebhook over TLS: the verdict of `coastguard config` on every admitted object',
  usage: [
    'Usage: coastguard admission serve --listen HOST:PORT --tls-cert FILE --tls-key FILE [flags]',
    '',
    '  --listen HOST:PORT          address (POST /validate, GET /healthz, GET /metrics); TLS only',
    '  --tls-cert FILE --tls-key FILE  PEM certificate (chain) and key the API server trusts (caBundle)',
    '  --config FILE               policy file, as `coastguard config` reads it (ignores, CEL policies, severity)',
    '  --severity LIST             findings of these severities deny; the others become warnings',
    '  --ignorefile FILE           as `coastguard config`',
    '  --skip-rules ID             rules not to run, as `coastguard config` (repeatable, comma-separated)',
    '  --mode ID=enforce|warn|audit  per rule or policy id (repeatable; "*=warn" sets the default)',
    '  --exclude-namespace NS      never judge this namespace (repeatable; the webhook configuration also excludes by label)',
    '  --trusted-registry R        images must come from these registries or registry/prefixes (repeatable)',
    '  --require-digest            images must be pinned by digest',
    '  --require-signature REG=KEY images from registry REG need a cosign signature valid under KEY (repeatable)',
    '  --server URL --token T      deny images whose last stored scan has a fixable CRITICAL vulnerability',
    '  --vuln-severity LIST        severities of fixable vulnerabilities that deny (default CRITICAL)',
    '  --unknown allow|deny        images whose signature or scan is not known yet (default allow, with a warning)',
    '  --insecure                  talk to registries over plain HTTP',
    '  --large-object-deadline MS  objects over 512 KiB are judged off the event loop within MS (default 3000); later: CG-ADM-005',
    '  --quiet                     no audit log lines on stderr',
  ].join('\n'),
  options: {
    listen: { type: 'string', short: 'l' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    config: { type: 'string', short: 'c' },
    severity: { type: 'string', short: 's' },
    ignorefile: { type: 'string' },
    'skip-rules': { type: 'string', multiple: true },
    mode: { type: 'string', multiple: true },
    'exclude-namespace': { type: 'string', multiple: true },
    'trusted-registry': { type: 'string', multiple: true },
    'require-digest': { type: 'boolean' },
    'require-signature': { type: 'string', multiple: true },
    server: { type: 'string' },
    token: { type: 'string' },
    'vuln-severity': { type: 'string' },
    unknown: { type: 'string' },
    insecure: { type: 'boolean' },
    'large-object-deadline': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    debug: { type: 'boolean', short: 'd' },
  },
  async run(ctx) {
    const v = ctx.values;
    const where = 'coastguard admission serve';
    const deadline = String(v['large-object-deadline'] ?? '3000');
    if (!/^\d{1,6}$/.test(deadline) || Number(deadline) < 100) throw usageError(`--large-object-deadline must be milliseconds (at least 100), not "${deadline}"`, '--large-object-deadline');
    if (!v.listen) throw usageError('give --listen HOST:PORT', where);
    if (!v['tls-cert'] || !v['tls-key']) throw usageError('give --tls-cert FILE and --tls-key FILE (the webhook serves TLS only)', where);
    const { host, port } = parseListen(String(v.listen));
    const cert = readPem(String(v['tls-cert']), 'TLS certificate');
    const key = readPem(String(v['tls-key']), 'TLS key');
    // The policy is read exactly as `coastguard config` reads it: one verdict, one loader.
    const run = await loadRunPolicy(ctx);
    let modes;
    try {
      modes = parseModes(flagList(v.mode));
    } catch (e) {
      throw usageError((e as Error).message, '--mode');
    }
    const unknown = String(v.unknown ?? 'allow');
    if (unknown !== 'allow' && unknown !== 'deny') throw usageError(`--unknown must be allow or deny, not "${unknown}"`, '--unknown');
    const signatures = flagList(v['require-signature']).map((s) => {
      const eq = s.indexOf('=');
      if (eq <= 0) throw usageError(`--require-signature must be REGISTRY=KEYFILE, not "${s}"`, '--require-signature');
      return { registry: s.slice(0, eq), keys: [loadPublicKey(s.slice(eq + 1))] };
    });
    const token = v.token as string | undefined;
    let vulnSeverities: Severity[] | undefined;
    if (v['vuln-severity'] !== undefined) {
      try {
        vulnSeverities = parseSeverityList(String(v['vuln-severity']));
      } catch (e) {
        throw usageError((e as Error).message, '--vuln-severity');
      }
    }
    const images = new ImagePolicy({
      vulnSeverities,
      trustedRegistries: commaList(v['trusted-registry']),
      requireDigest: v['require-digest'] === true,
      signatures,
      server: v.server ? { url: String(v.server), token } : undefined,
      unknown,
      insecure: v.insecure === true,
    });
    const skipRules = commaList(v['skip-rules']);
    const largeObjects = new VerdictPool({ policyFile: run.policy.file, ignores: run.policy.ignores, severities: run.severities, vex: run.vex, skipRules }, Number(deadline));
    largeObjects.warm();
    let srv: AdmissionServer;
    try {
      srv = await startAdmissionServer({
        host, port, cert, key,
        policy: run.policy, severities: run.severities, vex: run.vex, skipRules, modes, images, largeObjects,
        excludeNamespaces: commaList(v['exclude-namespace']),
        onAudit: run.quiet ? undefined : (e) => ctx.stderr.write(JSON.stringify({ audit: 'coastguard-admission', ...e }) + '\n'),
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined || /^ERR_OSSL|^ERR_SSL/.test(code)) throw inputError(`cannot use the TLS certificate and key (${(e as Error).message})`, String(v['tls-cert']));
      throw new CoastguardError(`cannot listen (${code})`, `${host}:${port}`, ExitCode.NETWORK);
    }
    ctx.stderr.write(`coastguard: admission: listening on ${srv.url}/validate\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void srv.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    const c = srv.counters.reviews;
    ctx.stderr.write(`coastguard: admission: stopped: ${c.allowed} allowed, ${c.denied} denied, ${c.bad_request} bad requests\n`);
    return ExitCode.OK;
  },
};

const manifests: Command = {
  name: 'manifests',
  summary: 'print the Deployment, PodDisruptionBudget, Service and ValidatingWebhookConfiguration',
  usage: [
    'Usage: coastguard admission manifests --namespace NS [--ca-bundle FILE] [--image REF] [--failure-policy Fail|Ignore]',
    '',
    '  --namespace NS        namespace the webhook runs in (excluded from its own review)',
    '  --ca-bundle FILE      PEM CA that signed the serving certificate (caBundle of the webhook configuration)',
    '  --image REF           webhook image (pin it by digest)',
    '  --failure-policy P    Fail (default: the cluster refuses when the webhook is down) or Ignore',
  ].join('\n'),
  options: {
    namespace: { type: 'string', short: 'n' },
    'ca-bundle': { type: 'string' },
    image: { type: 'string' },
    'failure-policy': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (!v.namespace) throw usageError('give --namespace NS', 'coastguard admission manifests');
    const fp = String(v['failure-policy'] ?? 'Fail');
    if (fp !== 'Fail' && fp !== 'Ignore') throw usageError(`--failure-policy must be Fail or Ignore, not "${fp}"`, '--failure-policy');
    const ca = v['ca-bundle'] ? readPem(String(v['ca-bundle']), 'CA bundle') : undefined;
    ctx.stdout.write(renderManifests({ namespace: String(v.namespace), caBundle: ca, image: v.image as string | undefined, failurePolicy: fp }));
    return ExitCode.OK;
  },
};

const vap: Command = {
  name: 'vap',
  summary: 'export the rules CEL can express as ValidatingAdmissionPolicy + binding',
  usage: [
    'Usage: coastguard admission vap [--action Deny|Warn|Audit] [--severity LIST] [--list]',
    '',
    '  --action A      validationActions of the bindings (default Deny; repeatable: Warn,Audit)',
    '  --severity L    only rules of these severities',
    '  --list       print which rules export and which cannot, instead of the YAML',
  ].join('\n'),
  options: { action: { type: 'string', multiple: true }, severity: { type: 'string', short: 's' }, list: { type: 'boolean' } },
  async run(ctx) {
    const actions = commaList(ctx.values.action);
    for (const a of actions) if (!['Deny', 'Warn', 'Audit'].includes(a)) throw usageError(`--action must be Deny, Warn or Audit, not "${a}"`, '--action');
    let severities: Severity[] | undefined;
    try {
      severities = ctx.values.severity === undefined ? undefined : parseSeverityList(String(ctx.values.severity));
    } catch (e) {
      throw usageError((e as Error).message, '--severity');
    }
    const out = vapExport({ actions: actions.length ? actions : ['Deny'], severities });
    if (ctx.values.list) {
      ctx.stdout.write(out.exported.map((r) => `exported  ${r.id}  ${r.title}`).join('\n') + '\n');
      ctx.stdout.write(out.notExported.map((r) => `not       ${r.id}  ${r.title}: ${r.why}`).join('\n') + '\n');
    } else ctx.stdout.write(out.yaml);
    return ExitCode.OK;
  },
};

export const command: Command = {
  name: 'admission',
  summary: 'admission webhook: the cluster refuses what `coastguard config` refuses',
  usage: 'Usage: coastguard admission serve|manifests|vap [flags]',
  options: {},
  subcommands: [serve, manifests, vap],
};

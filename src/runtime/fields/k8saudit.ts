/**
 * Fields of the `k8s_audit` source: the `ka.*` fields of Falco's k8saudit plugin, the `jevt.*` /
 * `json.*` fields of its json plugin, and the generic `evt.*` fields, computed from
 * audit.k8s.io/v1 Event objects. Behaviour follows the plugins' documentation: a missing value
 * makes the field unavailable (every comparison on it is false), non-string JSON values are
 * rendered as compact JSON, list fields return one string per element.
 */
import { hostname } from 'node:os';
import type { FieldDef, FieldSource, FieldValue, JsonEvent } from './types.js';

type E = JsonEvent;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An accessor for obj[k1][k2]…, specialised for short paths (the hot path of every rule): plain
 * property reads instead of a loop. Undefined when any step is missing.
 */
function accessor(keys: readonly string[]): (o: unknown) => unknown {
  const [a, b, c] = keys;
  const step = (x: unknown, k: string): unknown => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Obj)[k] : undefined);
  switch (keys.length) {
    case 1:
      return (o) => step(o, a);
    case 2:
      return (o) => step(step(o, a), b);
    case 3:
      return (o) => step(step(step(o, a), b), c);
    default:
      return (o) => at(o, keys);
  }
}

/** Reads obj[k1][k2]…; undefined when any step is missing. */
function at(o: unknown, keys: readonly string[]): unknown {
  let cur = o;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A JSON value as Falco prints it: strings as they are, anything else as compact JSON. */
export function jsonText(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function eventJson(e: E): string {
  return (e.json ??= JSON.stringify(e.obj));
}

const defs: FieldDef<E>[] = [];
function scalar(name: string, desc: string, keys: readonly string[]): void {
  defs.push({
    name,
    desc,
    list: false,
    arg: 'none',
    make: () => {
      const get = accessor(keys);
      return (e) => {
        const v = get(e.obj);
        return typeof v === 'string' ? v : jsonText(v);
      };
    },
  });
}
/** A list field read from a JSON array (not available when the value is missing or not an array). */
function arrayField(name: string, desc: string, keys: readonly string[], index = true): void {
  defs.push({
    name,
    desc,
    list: true,
    arg: index ? 'optional' : 'none',
    make: (arg) => {
      const idx = parseIndex(arg);
      return (e) => {
        const a = at(e.obj, keys);
        if (!Array.isArray(a)) return undefined;
        const pick = idx === undefined ? a : idx < a.length ? [a[idx]] : undefined;
        return pick ? pick.map((x) => jsonText(x) as string) : undefined;
      };
    },
  });
}

/** `[N]` selects the Nth element of a list field; any other argument is ignored, as in the plugin. */
function parseIndex(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^\d+$/.test(arg.trim())) return undefined;
  return Number(arg);
}

/** Repository part of an image reference: drops the digest, then the tag (a ':' after the last '/'). */
export function imageRepository(image: string): string {
  let s = image;
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const colon = s.lastIndexOf(':');
  if (colon > s.lastIndexOf('/')) s = s.slice(0, colon);
  return s;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** The pod's containers of one kind; entries that are not objects (malformed events) read as empty. */
function containers(e: E, list: string, idx: number | undefined): Obj[] | undefined {
  const a = at(e.obj, ['requestObject', 'spec', list]);
  if (!Array.isArray(a)) return undefined;
  const pick = idx === undefined ? a : idx < a.length ? [a[idx]] : undefined;
  return pick?.map((c) => (isObj(c) ? c : {}));
}

/** A per-container list field: one value per container that has it (containers without it are skipped). */
function containerField(list: string, suffix: string, desc: string, read: (c: Obj, e: E) => unknown, flatten = false): void {
  defs.push({
    name: `ka.req.pod.${list}.${suffix}`,
    desc: `${desc} (${list})`,
    list: true,
    arg: 'optional',
    make: (arg) => {
      const idx = parseIndex(arg);
      return (e) => {
        const cs = containers(e, list, idx);
        if (!cs) return undefined;
        const out: string[] = [];
        for (const c of cs) {
          const v = read(c, e);
          if (v === undefined || v === null) continue;
          if (flatten && Array.isArray(v)) for (const x of v) out.push(jsonText(x) as string);
          else out.push(jsonText(v) as string);
        }
        return out;
      };
    },
  });
}

for (const list of CONTAINER_LISTS) {
  containerField(list, 'image', 'container images', (c) => c.image);
  containerField(list, 'image.repository', 'container image repositories', (c) => (typeof c.image === 'string' ? imageRepository(c.image) : undefined));
  containerField(list, 'privileged', 'privileged flag of each container', (c) => at(c, ['securityContext', 'privileged']));
  containerField(list, 'allow_privilege_escalation', 'allowPrivilegeEscalation of each container', (c) => at(c, ['securityContext', 'allowPrivilegeEscalation']));
  containerField(list, 'read_only_fs', 'readOnlyRootFilesystem of each container', (c) => at(c, ['securityContext', 'readOnlyRootFilesystem']));
  containerField(list, 'run_as_user', 'runAsUser of each container', (c) => at(c, ['securityContext', 'runAsUser']));
  containerField(list, 'run_as_group', 'runAsGroup of each container', (c) => at(c, ['securityContext', 'runAsGroup']));
  containerField(list, 'proc_mount', 'procMount of each container', (c) => at(c, ['securityContext', 'procMount']));
  containerField(list, 'add_capabilities', 'capabilities added to each container', (c) => at(c, ['securityContext', 'capabilities', 'add']), true);
  // Effective uid/gid: the container's value, else the pod's, else 0.
  containerField(list, 'eff_run_as_user', 'effective uid of each container', (c, e) => at(c, ['securityContext', 'runAsUser']) ?? at(e.obj, ['requestObject', 'spec', 'securityContext', 'runAsUser']) ?? 0);
  containerField(list, 'eff_run_as_group', 'effective gid of each container', (c, e) => at(c, ['securityContext', 'runAsGroup']) ?? at(e.obj, ['requestObject', 'spec', 'securityContext', 'runAsGroup']) ?? 0);
  containerField(
    list,
    'host_port',
    'host ports of each container (containerPort when no hostPort)',
    (c) => (Array.isArray(c.ports) ? (c.ports as Obj[]).map((p) => p?.hostPort ?? p?.containerPort).filter((x) => x !== undefined) : undefined),
    true,
  );
}

scalar('ka.auditid', 'unique id of the audit event', ['auditID']);
scalar('ka.stage', 'stage of the request (RequestReceived, ResponseStarted, ResponseComplete, Panic)', ['stage']);
scalar('ka.auth.decision', 'authorization decision', ['annotations', 'authorization.k8s.io/decision']);
scalar('ka.auth.reason', 'authorization reason', ['annotations', 'authorization.k8s.io/reason']);
scalar('ka.user.name', 'user name performing the request', ['user', 'username']);
arrayField('ka.user.groups', 'groups of the user', ['user', 'groups'], false);
scalar('ka.impuser.name', 'impersonated user name', ['impersonatedUser', 'username']);
scalar('ka.verb', 'action being performed', ['verb']);
scalar('ka.uri', 'request URI', ['requestURI']);
scalar('ka.target.name', 'target object name', ['objectRef', 'name']);
scalar('ka.target.namespace', 'target object namespace', ['objectRef', 'namespace']);
scalar('ka.target.resource', 'target object resource', ['objectRef', 'resource']);
scalar('ka.target.subresource', 'target object subresource', ['objectRef', 'subresource']);
arrayField('ka.req.binding.subjects', 'subjects of a (cluster) role binding', ['requestObject', 'subjects'], false);
scalar('ka.req.binding.role', 'role a (cluster) role binding links', ['requestObject', 'roleRef', 'name']);
scalar('ka.req.configmap.name', 'configmap name', ['objectRef', 'name']);
scalar('ka.req.configmap.obj', 'configmap data (JSON)', ['requestObject', 'data']);
scalar('ka.req.pod.host_ipc', 'hostIPC flag of the pod', ['requestObject', 'spec', 'hostIPC']);
scalar('ka.req.pod.host_network', 'hostNetwork flag of the pod', ['requestObject', 'spec', 'hostNetwork']);
scalar('ka.req.container.host_network', 'deprecated alias of ka.req.pod.host_network', ['requestObject', 'spec', 'hostNetwork']);
scalar('ka.req.pod.host_pid', 'hostPID flag of the pod', ['requestObject', 'spec', 'hostPID']);
scalar('ka.req.pod.run_as_user', 'runAsUser of the pod security context', ['requestObject', 'spec', 'securityContext', 'runAsUser']);
scalar('ka.req.pod.run_as_group', 'runAsGroup of the pod security context', ['requestObject', 'spec', 'securityContext', 'runAsGroup']);
scalar('ka.req.pod.fs_group', 'fsGroup of the pod security context', ['requestObject', 'spec', 'securityContext', 'fsGroup']);
arrayField('ka.req.pod.supplemental_groups', 'supplementalGroups of the pod security context', ['requestObject', 'spec', 'securityContext', 'supplementalGroups'], false);
arrayField('ka.req.role.rules', 'rules of a role / cluster role (each as JSON)', ['requestObject', 'rules'], false);
scalar('ka.req.service.type', 'service type', ['requestObject', 'spec', 'type']);
arrayField('ka.req.service.ports', 'service ports (each as JSON)', ['requestObject', 'spec', 'ports']);
scalar('ka.resp.name', 'response object name', ['responseObject', 'metadata', 'name']);
scalar('ka.response.code', 'response code', ['responseStatus', 'code']);
scalar('ka.response.reason', 'response reason', ['responseStatus', 'reason']);
scalar('ka.useragent', 'user agent of the client', ['userAgent']);
arrayField('ka.sourceips', 'source IP addresses of the client', ['sourceIPs']);

defs.push({
  name: 'ka.uri.param',
  desc: 'value of a query parameter of the request URI (ka.uri.param[key])',
  list: false,
  arg: 'required',
  make: (key) => (e) => {
    const uri = at(e.obj, ['requestURI']);
    if (typeof uri !== 'string') return undefined;
    const q = uri.indexOf('?');
    if (q < 0) return undefined;
    const v = new URLSearchParams(uri.slice(q + 1)).get(key as string);
    return v === null ? undefined : v;
  },
});
defs.push({
  name: 'ka.req.binding.subject.has_name',
  desc: 'deprecated; always "true" (kept for old rules)',
  list: false,
  arg: 'required',
  make: () => () => 'true',
});
for (const [name, read] of [
  ['image', (c: Obj) => c.image],
  ['image.repository', (c: Obj) => (typeof c.image === 'string' ? imageRepository(c.image) : undefined)],
] as const) {
  defs.push({
    name: `ka.req.container.${name}`,
    desc: `deprecated: ${name} of the first container`,
    list: false,
    arg: 'none',
    make: () => (e) => {
      const cs = containers(e, 'containers', 0);
      return cs ? jsonText(read(cs[0])) : undefined;
    },
  });
}
defs.push({
  name: 'ka.req.container.privileged',
  desc: 'deprecated: "true" when any container is privileged, else "false"',
  list: false,
  arg: 'none',
  make: () => (e) => {
    const cs = containers(e, 'containers', undefined);
    if (!cs) return undefined;
    return cs.some((c) => at(c, ['securityContext', 'privileged']) === true) ? 'true' : 'false';
  },
});

function rulesField(key: string): void {
  defs.push({
    name: `ka.req.role.rules.${key}`,
    desc: `${key} of the role's rules (all rules flattened)`,
    list: true,
    arg: 'optional',
    make: (arg) => {
      const idx = parseIndex(arg);
      return (e) => {
        const a = at(e.obj, ['requestObject', 'rules']);
        if (!Array.isArray(a)) return undefined;
        const pick = idx === undefined ? a : idx < a.length ? [a[idx]] : undefined;
        if (!pick) return undefined;
        const out: string[] = [];
        for (const r of pick) {
          const v = isObj(r) ? r[key] : undefined;
          if (Array.isArray(v)) for (const x of v) if (x !== null && x !== undefined) out.push(jsonText(x) as string);
        }
        return out;
      };
    },
  });
}
for (const k of ['apiGroups', 'nonResourceURLs', 'verbs', 'resources']) rulesField(k);

function volumes(e: E, idx: number | undefined): Obj[] | undefined {
  const a = at(e.obj, ['requestObject', 'spec', 'volumes']);
  if (!Array.isArray(a)) return undefined;
  if (idx === undefined) return a as Obj[];
  return idx < a.length ? [a[idx] as Obj] : undefined;
}
function volumeField(name: string, desc: string, read: (v: Obj) => string[]): void {
  defs.push({
    name,
    desc,
    list: true,
    arg: 'optional',
    make: (arg) => {
      const idx = parseIndex(arg);
      return (e) => {
        const vs = volumes(e, idx);
        return vs ? vs.flatMap((v) => (isObj(v) ? read(v) : [])) : undefined;
      };
    },
  });
}
volumeField('ka.req.pod.volumes.hostpath', 'hostPath paths of all volumes', (v) => {
  const p = at(v, ['hostPath', 'path']);
  return p === undefined ? [] : [jsonText(p) as string];
});
volumeField('ka.req.pod.volumes.flexvolume_driver', 'flexVolume drivers of all volumes', (v) => {
  const p = at(v, ['flexVolume', 'driver']);
  return p === undefined ? [] : [jsonText(p) as string];
});
volumeField('ka.req.pod.volumes.volume_type', 'volume types (keys other than name) of all volumes', (v) => Object.keys(v).filter((k) => k !== 'name'));
defs.push({
  name: 'ka.req.volume.hostpath',
  desc: 'deprecated: "true" when a hostPath volume mounts the given path ("/proc*" matches by prefix), else "false"',
  list: false,
  arg: 'required',
  make: (arg) => {
    const a = arg as string;
    const prefix = a.endsWith('*') ? a.slice(0, -1) : undefined;
    return (e) => {
      const vs = volumes(e, undefined);
      if (!vs) return undefined;
      for (const v of vs) {
        const p = at(v, ['hostPath', 'path']);
        if (typeof p !== 'string') continue;
        if (prefix !== undefined ? p.startsWith(prefix) : p === a) return 'true';
      }
      return 'false';
    };
  },
});

// ---- jevt.* / json.* (the json plugin) and evt.* ----

/** Compiles an RFC 6901 JSON pointer ("/a/b~1c") to its path segments. */
export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new Error(`JSON pointer "${ptr}" must start with "/"`);
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function atPointer(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const k of path) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(k)) return undefined;
      cur = cur[Number(k)];
    } else if (isObj(cur)) cur = cur[k];
    else return undefined;
  }
  return cur;
}

const pad = (n: number | bigint, w: number) => String(n).padStart(w, '0');
/** "2018-10-25T14:09:12.693676000Z" */
export function eventIso(e: JsonEvent): string {
  return (e.iso ??= isoNs(e.tsNs));
}
export function isoNs(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n);
  const d = new Date(ms);
  const frac = tsNs % 1_000_000_000n;
  return `${d.toISOString().slice(0, 19)}.${pad(frac, 9)}Z`;
}

const HOST = hostname();
for (const prefix of ['jevt', 'json']) {
  defs.push({
    name: `${prefix}.value`,
    desc: 'the value at a JSON pointer (jevt.value[/objectRef/resource])',
    list: false,
    arg: 'required',
    make: (arg) => {
      const path = parsePointer(arg as string);
      return (e) => jsonText(atPointer(e.obj, path));
    },
  });
  defs.push({ name: `${prefix}.obj`, desc: 'the whole event as JSON', list: false, arg: 'none', make: () => (e) => eventJson(e) });
  defs.push({ name: `${prefix}.rawtime`, desc: 'event time, nanoseconds since the epoch', list: false, arg: 'none', make: () => (e) => String(e.tsNs) });
  defs.push({ name: `${prefix}.time`, desc: 'event time (HH:MM:SS.nnnnnnnnn, UTC)', list: false, arg: 'none', make: () => (e) => eventIso(e).slice(11, 29) });
  defs.push({ name: `${prefix}.time.iso8601`, desc: 'event time in ISO 8601', list: false, arg: 'none', make: () => (e) => eventIso(e) });
}
defs.push({ name: 'evt.num', desc: 'event number', list: false, arg: 'none', make: () => (e) => String(e.num) });
defs.push({ name: 'evt.time', desc: 'event time (HH:MM:SS.nnnnnnnnn, UTC)', list: false, arg: 'none', make: () => (e) => eventIso(e).slice(11, 29) });
defs.push({ name: 'evt.time.iso8601', desc: 'event time in ISO 8601', list: false, arg: 'none', make: () => (e) => eventIso(e) });
defs.push({ name: 'evt.datetime', desc: 'event date and time (YYYY-MM-DD HH:MM:SS)', list: false, arg: 'none', make: () => (e) => eventIso(e).slice(0, 19).replace('T', ' ') });
defs.push({ name: 'evt.rawtime', desc: 'event time, nanoseconds since the epoch', list: false, arg: 'none', make: () => (e) => String(e.tsNs) });
defs.push({ name: 'evt.source', desc: 'event source (k8s_audit)', list: false, arg: 'none', make: () => () => 'k8s_audit' });
defs.push({ name: 'evt.hostname', desc: 'host name of the machine running the engine', list: false, arg: 'none', make: () => () => HOST });
defs.push({ name: 'evt.plugininfo', desc: 'a summary of the event', list: false, arg: 'none', make: () => (e) => eventJson(e) });

export const k8sAuditSource: FieldSource<E> = { source: 'k8s_audit', fields: new Map(defs.map((d) => [d.name, d])) };
export type { FieldValue };

/**
 * Fields of the `container_engine` source: container engine events (Docker / Podman GET /events),
 * each enriched with the container's inspect document. Field names are those of Falco's container
 * plugin (container.id is the 12-character short id, container.full_id the whole one; booleans are
 * "true"/"false"), plus evt.type = the engine's action (create, start, die, exec_create,
 * exec_start, exec, exec_die, destroy…), proc.cmdline = the command of an exec where the engine
 * says it, and coastguard.image.* = the counts of a scan result of the container's image.
 */
import { hostname } from 'node:os';
import type { ContainerInspect, MountPoint } from '../../source/engine/client.js';
import type { EngineEvent } from '../../source/engine/events.js';
import { eventIso, imageRepository } from './k8saudit.js';
import type { FieldDef, FieldSource, FieldValue, JsonEvent } from './types.js';

/** What `runtime watch` puts in JsonEvent.obj for one engine event. */
export interface ContainerEventObj {
  engine: 'docker' | 'podman';
  event: Omit<EngineEvent, 'timeNano'> & { timeNano: string };
  /** GET /containers/{id}/json at the time of the event (absent once the container is gone). */
  container?: ContainerInspect;
  /** Finding counts by severity from a scan result of the container's image, when one was given. */
  scan?: Record<string, number>;
}

type E = JsonEvent;
const o = (e: E) => e.obj as unknown as ContainerEventObj;
const bool = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'true' : 'false');

/** The image as the container was created with it (the event's attribute when the container is gone). */
const imageOf = (e: E) => o(e).container?.Config?.Image ?? o(e).event.image;

export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : undefined;
}

export function imageDigest(image: string): string | undefined {
  const at = image.indexOf('@');
  return at >= 0 ? image.slice(at + 1) : undefined;
}

export function imageRegistry(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** Falco's mount string: source:dest:mode:rdrw:propagation. */
const mountText = (m: MountPoint & { Mode?: string; Propagation?: string }) => `${m.Source ?? m.Name ?? ''}:${m.Destination}:${m.Mode ?? ''}:${m.RW === false ? 'false' : 'true'}:${m.Propagation ?? ''}`;

const defs: FieldDef<E>[] = [];
function field(name: string, desc: string, get: (e: E) => FieldValue, list = false): void {
  defs.push({ name, desc, list, arg: 'none', make: () => get });
}
/** A field taking a key, `container.label[app]`: without one it is unavailable. */
function keyed(name: string, desc: string, get: (e: E, key: string) => FieldValue, list = false): void {
  defs.push({
    name,
    desc,
    list,
    arg: 'required',
    make: (arg) => {
      if (!arg) throw new Error(`${name} needs an argument`);
      return (e) => get(e, arg);
    },
  });
}

/** A field computed from the image reference of the container. */
const imageField = (name: string, desc: string, part: (image: string) => string | undefined) =>
  field(name, desc, (e) => {
    const i = imageOf(e);
    return i ? part(i) : undefined;
  });

field('container.id', 'container id, first 12 characters', (e) => o(e).event.id.slice(0, 12) || undefined);
field('container.full_id', 'container id', (e) => o(e).event.id || undefined);
field('container.name', 'container name', (e) => o(e).container?.Name.replace(/^\//, '') ?? o(e).event.name);
field('container.type', 'engine: docker or podman', (e) => o(e).engine);
field('container.image', 'image as the container was created with it', (e) => imageOf(e));
field('container.image.id', 'image id (config digest)', (e) => o(e).container?.Image);
imageField('container.image.repository', 'repository part of the image', imageRepository);
imageField('container.image.tag', 'tag part of the image (unavailable when pinned by digest only)', imageTag);
imageField('container.image.digest', 'digest part of the image reference', imageDigest);
imageField('container.image.registry', 'registry host of the image (docker.io when the reference names none; a coastguard addition)', imageRegistry);
field('container.privileged', 'true when the container runs privileged', (e) => bool(o(e).container?.HostConfig?.Privileged));
field('container.host_pid', "true when the container shares the host's PID namespace", (e) => bool(o(e).container ? o(e).container!.HostConfig?.PidMode === 'host' : undefined));
field('container.host_network', "true when the container shares the host's network", (e) => bool(o(e).container ? o(e).container!.HostConfig?.NetworkMode === 'host' : undefined));
field('container.host_ipc', "true when the container shares the host's IPC namespace", (e) => bool(o(e).container ? o(e).container!.HostConfig?.IpcMode === 'host' : undefined));
field('container.user', 'user the container runs as (empty: the image default)', (e) => o(e).container?.Config?.User);
field('container.mounts', 'mounts, each source:dest:mode:rdrw:propagation', (e) => o(e).container?.Mounts?.map(mountText), true);
keyed('container.mount.source', 'host source of the mount at dest [dest]', (e, dest) => o(e).container?.Mounts?.find((m) => m.Destination === dest)?.Source);
keyed('container.mount.dest', 'destination of the mount of source [source]', (e, src) => o(e).container?.Mounts?.find((m) => m.Source === src)?.Destination);
field('container.mount.sources', 'host sources of every mount', (e) => o(e).container?.Mounts?.map((m) => m.Source ?? m.Name ?? ''), true);
field('container.cap_add', 'capabilities added', (e) => o(e).container?.HostConfig?.CapAdd ?? undefined, true);
keyed('container.label', 'value of a container label [key]', (e, k) => o(e).container?.Config?.Labels?.[k] ?? o(e).event.attributes[k]);
field('container.labels', 'labels as key:value', (e) => {
  const l = o(e).container?.Config?.Labels;
  return l ? Object.entries(l).map(([k, v]) => `${k}:${v}`) : undefined;
}, true);
field('proc.cmdline', "the exec'd command line (Docker's exec_create/exec_start detail)", (e) => o(e).event.detail && o(e).event.action.startsWith('exec') ? o(e).event.detail : undefined);
for (const s of ['critical', 'high', 'medium', 'low'] as const) {
  field(`coastguard.image.${s}`, `${s} findings in the scan result of the container's image (unavailable without --image-results)`, (e) => {
    const c = o(e).scan;
    return c ? String(c[s.toUpperCase()] ?? 0) : undefined;
  });
}
field('coastguard.image.drift', "drift findings in results given for the container's image (coastguard drift --format json)", (e) => {
  const c = o(e).scan;
  return c ? String(c.DRIFT ?? 0) : undefined;
});

const HOST = hostname();
field('evt.type', "the engine's action: create, start, die, exec_create, exec_start, exec, exec_die, destroy…", (e) => o(e).event.action);
field('evt.category', 'event type of the engine: container, image, network, volume…', (e) => o(e).event.type);
field('evt.num', 'event number', (e) => String(e.num));
field('evt.time', 'event time (HH:MM:SS.nnnnnnnnn, UTC)', (e) => eventIso(e).slice(11, 29));
field('evt.time.iso8601', 'event time in ISO 8601', (e) => eventIso(e));
field('evt.datetime', 'event date and time', (e) => eventIso(e).slice(0, 19).replace('T', ' '));
field('evt.rawtime', 'event time, nanoseconds since the epoch', (e) => String(e.tsNs));
field('evt.source', 'event source (container_engine)', () => 'container_engine');
field('evt.hostname', 'host name of the machine running coastguard', () => HOST);
field('evt.plugininfo', 'the event and container as JSON', (e) => (e.json ??= JSON.stringify(e.obj)));

export const containerEngineSource: FieldSource<E> = { source: 'container_engine', fields: new Map(defs.map((d) => [d.name, d])) };

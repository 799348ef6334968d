import type { RuleOptions } from '../types.js';
import type { YamlDoc } from '../yaml-docs.js';
import type { Issue } from '../types.js';

export type Path = (string | number)[];
// Manifests are untyped user data: rules read them defensively through this alias.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  value: Any;
  doc: YamlDoc;
  /** File the object came from. */
  path: string;
  /** Root path of this object inside its document (List items are nested). */
  root: Path;
}

export interface K8sCtx {
  obj: K8sObject;
  /** Every object in the scan (all files), for cross-object checks: NetworkPolicy coverage, bindings, services. */
  all: K8sObject[];
  /** The user's rule options (set by scanK8sObjects). */
  options?: RuleOptions;
}

export const isObj = (v: unknown): v is Record<string, Any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const objectId = (o: K8sObject) => `${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}`;

/** Objects of one YAML document: the document itself, or the items of a `kind: List`. */
export function objectsOf(doc: YamlDoc, path: string): K8sObject[] {
  const v = doc.value;
  if (!isObj(v)) return [];
  if (typeof v.kind === 'string' && /List$/.test(v.kind) && Array.isArray(v.items)) {
    return v.items.flatMap((it: Any, i: number) => (isObj(it) && it.kind ? [make(it, doc, path, ['items', i])] : []));
  }
  if (typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') return [];
  return [make(v, doc, path, [])];
}

function make(v: Any, doc: YamlDoc, path: string, root: Path): K8sObject {
  return {
    apiVersion: String(v.apiVersion ?? ''),
    kind: String(v.kind),
    name: String(v.metadata?.name ?? v.metadata?.generateName ?? ''),
    namespace: v.metadata?.namespace ? String(v.metadata.namespace) : undefined,
    value: v,
    doc,
    path,
    root,
  };
}

export const lineOf = (o: K8sObject, p: Path) => o.doc.lineOf([...o.root, ...p]);

/** A pod spec inside a workload, with where it sits and the labels its pods get. */
export interface PodRef {
  spec: Any;
  specPath: Path;
  /** Pod metadata (labels, annotations) of the template, or the Pod's own. */
  meta: Any;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'ReplicationController', 'Rollout', 'DeploymentConfig']);

/**
 * The pod spec of any workload kind: Pod, the template of Deployment & co, CronJob's job template,
 * PodTemplate, and any CRD that embeds `spec.template.spec.containers` (Argo Rollouts, Knative, …).
 */
export function podOf(o: K8sObject): PodRef | undefined {
  const v = o.value;
  if (o.kind === 'Pod' && isObj(v.spec)) return { spec: v.spec, specPath: ['spec'], meta: v.metadata ?? {} };
  if (o.kind === 'CronJob' && isObj(v.spec?.jobTemplate?.spec?.template?.spec)) {
    return { spec: v.spec.jobTemplate.spec.template.spec, specPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], meta: v.spec.jobTemplate.spec.template.metadata ?? {} };
  }
  if (o.kind === 'PodTemplate' && isObj(v.template?.spec)) return { spec: v.template.spec, specPath: ['template', 'spec'], meta: v.template.metadata ?? {} };
  const t = v.spec?.template;
  if (isObj(t?.spec) && (TEMPLATE_KINDS.has(o.kind) || Array.isArray(t.spec.containers))) {
    return { spec: t.spec, specPath: ['spec', 'template', 'spec'], meta: t.metadata ?? {} };
  }
  return undefined;
}

/**
 * Labels of the pods an object creates, also for a controller whose template has labels but no
 * pod spec written out (kube-linter's fixtures and half-written manifests): the template's
 * metadata. Undefined for objects that create no pods.
 */
export function podLabels(o: K8sObject): Record<string, string> | undefined {
  const pod = podOf(o);
  if (pod) return pod.meta?.labels ?? {};
  const v = o.value;
  const meta = o.kind === 'CronJob' ? v.spec?.jobTemplate?.spec?.template?.metadata : isObj(v.spec?.template) ? v.spec.template.metadata : undefined;
  return isObj(meta) ? meta.labels ?? {} : undefined;
}

/** Objects that create pods (see podLabels). */
export const podCreators = (all: K8sObject[]) => indexOf(all).podCreators;
export const podCreatorsIn = (all: K8sObject[], ns: string) => indexOf(all).podCreatorsByNs.get(ns) ?? NONE;

export interface ContainerRef {
  c: Any;
  path: Path;
  name: string;
  kind: 'containers' | 'initContainers' | 'ephemeralContainers';
}

export function containersOf(pod: PodRef, kinds: ContainerRef['kind'][] = ['containers', 'initContainers', 'ephemeralContainers']): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const k of kinds) {
    const list = pod.spec[k];
    if (!Array.isArray(list)) continue;
    list.forEach((c: Any, i: number) => { if (isObj(c)) out.push({ c, path: [...pod.specPath, k, i], name: String(c.name ?? i), kind: k }); });
  }
  return out;
}

type Hit = { path: Path; message: string } | undefined | false | null;

/** One issue per container the predicate flags, at the line of the path it returns. */
export function perContainer(ctx: K8sCtx, fn: (c: ContainerRef, pod: PodRef) => Hit, kinds?: ContainerRef['kind'][]): Issue[] {
  const pod = podOf(ctx.obj);
  if (!pod) return [];
  const out: Issue[] = [];
  for (const c of containersOf(pod, kinds)) {
    const h = fn(c, pod);
    if (h) out.push({ message: `${objectId(ctx.obj)}: container "${c.name}" ${h.message}`, line: lineOf(ctx.obj, h.path), object: objectId(ctx.obj) });
  }
  return out;
}

/** One issue for the pod spec when the predicate flags it. */
export function perPod(ctx: K8sCtx, fn: (pod: PodRef) => Hit): Issue[] {
  const pod = podOf(ctx.obj);
  if (!pod) return [];
  const h = fn(pod);
  return h ? [{ message: `${objectId(ctx.obj)}: ${h.message}`, line: lineOf(ctx.obj, h.path), object: objectId(ctx.obj) }] : [];
}

/** One issue for the object itself. */
export function onObject(ctx: K8sCtx, path: Path, message: string): Issue {
  return { message: `${objectId(ctx.obj)}: ${message}`, line: lineOf(ctx.obj, path), object: objectId(ctx.obj) };
}

/** A container's security setting, falling back to the pod's (for the fields both levels have). */
export function effective(c: ContainerRef, pod: PodRef, field: string): { value: Any; path: Path } {
  const cv = c.c.securityContext?.[field];
  if (cv !== undefined) return { value: cv, path: [...c.path, 'securityContext', field] };
  const pv = pod.spec.securityContext?.[field];
  if (pv !== undefined) return { value: pv, path: [...pod.specPath, 'securityContext', field] };
  return { value: undefined, path: c.path };
}

/** Does a label selector (matchLabels + matchExpressions) select these labels? */
export function selects(sel: Any, labels: Record<string, string> = {}): boolean {
  if (!isObj(sel)) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const vals: string[] = (e.values ?? []).map(String);
    switch (e.operator) {
      case 'In': if (!has || !vals.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && vals.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export const nsOf = (o: K8sObject) => o.namespace ?? 'default';

/**
 * Lookups over every object of a scan, built once per scan: cross-object rules run for each object,
 * and a scan of `all` inside each would make 50,000 objects take 2.5 billion steps.
 */
interface ObjectIndex {
  n: number;
  byKind: Map<string, K8sObject[]>;
  byNs: Map<string, K8sObject[]>;
  byKindNs: Map<string, K8sObject[]>;
  workloads: K8sObject[];
  workloadsByNs: Map<string, K8sObject[]>;
  podCreators: K8sObject[];
  podCreatorsByNs: Map<string, K8sObject[]>;
}
const indexes = new WeakMap<K8sObject[], ObjectIndex>();
const NONE: K8sObject[] = [];
const add = (m: Map<string, K8sObject[]>, k: string, o: K8sObject) => {
  const l = m.get(k);
  if (l) l.push(o);
  else m.set(k, [o]);
};
function indexOf(all: K8sObject[]): ObjectIndex {
  let ix = indexes.get(all);
  if (ix && ix.n === all.length) return ix;
  ix = { n: all.length, byKind: new Map(), byNs: new Map(), byKindNs: new Map(), workloads: [], workloadsByNs: new Map(), podCreators: [], podCreatorsByNs: new Map() };
  for (const o of all) {
    add(ix.byKind, o.kind, o);
    add(ix.byNs, nsOf(o), o);
    add(ix.byKindNs, `${o.kind}\0${nsOf(o)}`, o);
    if (podOf(o) !== undefined) {
      ix.workloads.push(o);
      add(ix.workloadsByNs, nsOf(o), o);
    }
    if (podLabels(o) !== undefined) {
      ix.podCreators.push(o);
      add(ix.podCreatorsByNs, nsOf(o), o);
    }
  }
  indexes.set(all, ix);
  return ix;
}
/** Objects that create pods, i.e. have a pod spec. */
export const workloads = (all: K8sObject[]) => indexOf(all).workloads;
export const workloadsIn = (all: K8sObject[], ns: string) => indexOf(all).workloadsByNs.get(ns) ?? NONE;
export const ofKind = (all: K8sObject[], kind: string) => indexOf(all).byKind.get(kind) ?? NONE;
export const inNamespace = (all: K8sObject[], ns: string) => indexOf(all).byNs.get(ns) ?? NONE;
export const ofKindIn = (all: K8sObject[], kind: string, ns: string) => indexOf(all).byKindNs.get(`${kind}\0${ns}`) ?? NONE;

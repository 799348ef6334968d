import { stringify } from 'yaml';
import type { Severity } from '../core/index.js';
import { kubernetesRules } from '../misconfig/kubernetes/index.js';

/**
 * `admission vap`: the Kubernetes rules that can be written as CEL over one object, exported as
 * ValidatingAdmissionPolicy + binding, so the API server keeps enforcing them when the webhook is
 * down. Each expression mirrors its rule's check (the test evaluates both on the same fixtures).
 * Everything else cannot be exported, for the reason given in NOT_EXPORTED.
 */

/** Resources whose objects carry a pod spec (podOf: Pod, workload templates, CronJob, PodTemplate). */
const WORKLOADS = [
  { apiGroups: [''], resources: ['pods', 'podtemplates', 'replicationcontrollers'] },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
];
const SERVICES = [{ apiGroups: [''], resources: ['services'] }];
export const WORKLOAD_KINDS = ['Pod', 'PodTemplate', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** `has(a.b) && has(a.b.c) …`: CEL's has() cannot reach through a missing parent. */
const hasPath = (root: string, path: string[]) => path.map((_, i) => `has(${[root, ...path.slice(0, i + 1)].join('.')})`).join(' && ');
const at = (root: string, path: string[]) => `(${hasPath(root, path)} ? ${[root, ...path].join('.')} : {})`;
const flag = (root: string, path: string[]) => `(${hasPath(root, path)} && ${[root, ...path].join('.')} == true)`;

/** The pod spec the misconfig pack reads (podOf), per kind. */
const POD_SPEC = [
  `object.kind == 'Pod' ? ${at('object', ['spec'])}`,
  `object.kind == 'CronJob' ? ${at('object', ['spec', 'jobTemplate', 'spec', 'template', 'spec'])}`,
  `object.kind == 'PodTemplate' ? ${at('object', ['template', 'spec'])}`,
  at('object', ['spec', 'template', 'spec']),
].join(' : ');
// Lists of maps only, as containersOf reads them (the API server's schema guarantees it; raw fixtures do not).
const containerList = (kinds: string[]) => kinds
  .map((k) => `(has(variables.spec.${k}) && type(variables.spec.${k}) == list ? variables.spec.${k}.filter(c, type(c) == map) : [])`)
  .join(' + ');
const CONTAINERS = containerList(['containers', 'initContainers', 'ephemeralContainers']);

/** A capability name as the rules compare it: upper case, without a CAP_ prefix. */
const cap = (x: string) => `(string(${x}).upperAscii().startsWith('CAP_') ? string(${x}).upperAscii().substring(4) : string(${x}).upperAscii())`;
const addedCaps = (c: string) => `(${hasPath(c, ['securityContext', 'capabilities', 'add'])} && type(${c}.securityContext.capabilities.add) == list ? ${c}.securityContext.capabilities.add : [])`;
const DANGEROUS_CAPS = ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYS_TIME'];
const BASELINE_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** A container's securityContext field, else the pod's (the pack's `effective`). */
const effectiveIs = (field: string, test: string) =>
  `(${hasPath('c', ['securityContext', field])} ? c.securityContext.${field} ${test} : (${hasPath('variables', ['spec', 'securityContext', field])} && variables.spec.securityContext.${field} ${test}))`;

export interface CelRule {
  id: string;
  /** Which resources the policy matches. */
  on: 'workloads' | 'services';
  /** True when the object passes (VAP validations state what must hold). */
  expression: string;
}

export const CEL_RULES: CelRule[] = [
  { id: 'CG-K8S-001', on: 'workloads', expression: `!variables.containers.exists(c, ${flag('c', ['securityContext', 'privileged'])})` },
  { id: 'CG-K8S-003', on: 'workloads', expression: `!${flag('variables', ['spec', 'hostNetwork'])}` },
  { id: 'CG-K8S-004', on: 'workloads', expression: `!${flag('variables', ['spec', 'hostPID'])}` },
  { id: 'CG-K8S-005', on: 'workloads', expression: `!${flag('variables', ['spec', 'hostIPC'])}` },
  { id: 'CG-K8S-010', on: 'workloads', expression: `!variables.containers.exists(c, has(c.ports) && c.ports.exists(p, has(p.hostPort) && p.hostPort != 0))` },
  { id: 'CG-K8S-100', on: 'workloads', expression: `!variables.containers.exists(c, ${flag('c', ['securityContext', 'allowPrivilegeEscalation'])})` },
  {
    id: 'CG-K8S-007',
    on: 'workloads',
    expression: `!(has(variables.spec.volumes) && variables.spec.volumes.exists(v, has(v.hostPath) && has(v.hostPath.path) && v.hostPath.path.matches('docker\\\\.sock/*$|^/(var/)?run/(containerd/containerd|crio/crio|podman/podman)\\\\.sock/*$')))`,
  },
  { id: 'CG-K8S-006', on: 'workloads', expression: `!(has(variables.spec.volumes) && type(variables.spec.volumes) == list && variables.spec.volumes.exists(v, type(v) == map && has(v.hostPath) && v.hostPath != null))` },
  { id: 'CG-K8S-012', on: 'workloads', expression: `!variables.containers.exists(c, ${effectiveIs('runAsUser', '== 0')})` },
  { id: 'CG-K8S-020', on: 'workloads', expression: `!(${containerList(['containers', 'initContainers'])}).exists(c, ${addedCaps('c')}.exists(x, ${cap('x')} in ${list(DANGEROUS_CAPS)}))` },
  { id: 'CG-K8S-098', on: 'workloads', expression: `!variables.containers.exists(c, ${addedCaps('c')}.exists(x, !(${cap('x')} in ${list(BASELINE_CAPS)})))` },
  { id: 'CG-K8S-050', on: 'services', expression: `!(object.kind == 'Service' && has(object.spec) && has(object.spec.externalIPs) && size(object.spec.externalIPs) > 0)` },
];

/** Why the other rules are not exported (docs/admission.md groups them). */
export const NOT_EXPORTED_WHY = 'webhook only (not written as CEL: needs other objects, uses heuristics, or not done yet)';

/** Objects the misconfig pack would not judge: ignored by `coastguard.io/ignore` naming the id or slug. */
const notIgnored = (id: string, slug: string) =>
  `!(has(object.metadata.annotations) && 'coastguard.io/ignore' in object.metadata.annotations && object.metadata.annotations['coastguard.io/ignore'].matches('(^|[,\\\\s])(${id}|${slug})([,\\\\s]|$)'))`;

export interface ExportedPolicy {
  id: string;
  slug: string;
  title: string;
  severity: Severity;
  policy: Record<string, unknown>;
  binding: Record<string, unknown>;
}

export function vapPolicies(opts: { actions?: string[]; severities?: Severity[] } = {}): ExportedPolicy[] {
  const out: ExportedPolicy[] = [];
  for (const r of CEL_RULES) {
    const meta = kubernetesRules.find((k) => k.id === r.id);
    if (!meta) throw new Error(`CEL export names unknown rule ${r.id}`);
    if (opts.severities && !opts.severities.includes(meta.severity)) continue;
    const name = `coastguard-${meta.id.toLowerCase()}-${meta.slug}`;
    const variables = r.on === 'workloads' ? [{ name: 'spec', expression: POD_SPEC }, { name: 'containers', expression: CONTAINERS }] : [];
    out.push({
      id: meta.id,
      slug: meta.slug,
      title: meta.title,
      severity: meta.severity,
      policy: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'coastguard' }, annotations: { 'coastguard.io/rule': meta.id, 'coastguard.io/severity': meta.severity } },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: (r.on === 'workloads' ? WORKLOADS : SERVICES).map((x) => ({ ...x, apiVersions: ['*'], operations: ['CREATE', 'UPDATE'] })) },
          matchConditions: [{ name: 'not-ignored', expression: notIgnored(meta.id, meta.slug) }],
          ...(variables.length ? { variables } : {}),
          validations: [{ expression: r.expression, message: `${meta.id} ${meta.title}. Fix: ${meta.fix.split('\n')[0]}`, reason: 'Forbidden' }],
        },
      },
      binding: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'coastguard' } },
        spec: {
          policyName: name,
          validationActions: opts.actions ?? ['Deny'],
          matchResources: {
            namespaceSelector: {
              matchExpressions: [
                { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
                { key: 'coastguard.io/admission', operator: 'NotIn', values: ['disabled'] },
              ],
            },
          },
        },
      },
    });
  }
  return out;
}

export function vapExport(opts: { actions?: string[]; severities?: Severity[] } = {}) {
  const policies = vapPolicies(opts);
  const exportedIds = new Set(CEL_RULES.map((r) => r.id));
  const yaml = policies.map((p) => stringify(p.policy, { lineWidth: 0 }) + '---\n' + stringify(p.binding, { lineWidth: 0 })).join('---\n');
  return {
    yaml,
    exported: policies.map((p) => ({ id: p.id, title: p.title })),
    notExported: kubernetesRules.filter((r) => !exportedIds.has(r.id)).map((r) => ({ id: r.id, title: r.title, why: NOT_EXPORTED_WHY })),
  };
}

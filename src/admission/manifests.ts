import { stringify } from 'yaml';

/**
 * `admission manifests`: what runs the webhook in a cluster, written to pass `coastguard config`
 * itself with no HIGH or CRITICAL finding (the test checks it). Two replicas spread over nodes with
 * a PodDisruptionBudget, so a drain never takes the webhook away; failurePolicy and a short
 * timeout stated; the webhook's own namespace and kube-system are never sent to it.
 */
export interface ManifestOptions {
  namespace: string;
  /** PEM of the CA that signed the serving certificate. */
  caBundle?: Buffer | string;
  image?: string;
  failurePolicy?: 'Fail' | 'Ignore' | string;
}

export const WEBHOOK_NAME = 'coastguard-admission';
/** Label a namespace with this (value "disabled") to keep it out of review. */
export const EXCLUDE_LABEL = 'coastguard.io/admission';
const DEFAULT_IMAGE = 'ghcr.io/coastguard/coastguard:0.1.0';
const PORT = 8443;

export function renderManifests(o: ManifestOptions): string {
  const ns = o.namespace;
  const labels = { 'app.kubernetes.io/name': WEBHOOK_NAME, 'app.kubernetes.io/part-of': 'coastguard' };
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: PORT, scheme: 'HTTPS' }, initialDelaySeconds: delay, periodSeconds: 10, timeoutSeconds: 2 });
  const serviceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: WEBHOOK_NAME, namespace: ns, labels }, automountServiceAccountToken: false };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: WEBHOOK_NAME, namespace: ns, labels },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: WEBHOOK_NAME,
          automountServiceAccountToken: false,
          priorityClassName: 'system-cluster-critical',
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } } }],
            },
          },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } }],
          containers: [
            {
              name: 'webhook',
              image: o.image ?? DEFAULT_IMAGE,
              imagePullPolicy: 'Always',
              args: [
                'admission', 'serve', '--listen', `0.0.0.0:${PORT}`, '--tls-cert', '/tls/tls.crt', '--tls-key', '/tls/tls.key',
                '--exclude-namespace', ns, '--exclude-namespace', 'kube-system',
              ],
              ports: [{ name: 'https', containerPort: PORT, protocol: 'TCP' }],
              readinessProbe: probe('/healthz', 2),
              livenessProbe: probe('/healthz', 10),
              resources: {
                requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '16Mi' },
                limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '64Mi' },
              },
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                privileged: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [
                { name: 'tls', mountPath: '/tls', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'tls', secret: { secretName: `${WEBHOOK_NAME}-tls` } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
  const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: WEBHOOK_NAME, namespace: ns, labels }, spec: { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: labels } } };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: WEBHOOK_NAME, namespace: ns, labels },
    spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] },
  };
  // The API server is the only client; its source address is not known in advance.
  const netpol = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: WEBHOOK_NAME, namespace: ns, labels },
    spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress', 'Egress'], ingress: [{ ports: [{ port: PORT, protocol: 'TCP' }] }], egress: [{}] },
  };
  const caBundle = o.caBundle ? Buffer.from(o.caBundle).toString('base64') : undefined;
  const vwc = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: WEBHOOK_NAME, labels },
    webhooks: [
      {
        name: 'validate.coastguard.io',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        failurePolicy: o.failurePolicy ?? 'Fail',
        timeoutSeconds: 5,
        matchPolicy: 'Equivalent',
        clientConfig: { service: { namespace: ns, name: WEBHOOK_NAME, path: '/validate', port: 443 }, ...(caBundle ? { caBundle } : {}) },
        rules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['*'], scope: '*' }],
        namespaceSelector: {
          matchExpressions: [
            { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...new Set(['kube-system', ns])] },
            { key: EXCLUDE_LABEL, operator: 'NotIn', values: ['disabled'] },
          ],
        },
        // Leases and Events are written constantly and carry no configuration worth checking.
        matchConditions: [{ name: 'skip-leases-and-events', expression: "!(request.resource.resource in ['leases', 'events'])" }],
      },
    ],
  };
  return [serviceAccount, deployment, pdb, service, netpol, vwc].map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

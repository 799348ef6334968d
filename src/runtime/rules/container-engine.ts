/**
 * The default rules of `coastguard runtime watch` (source container_engine), shipped in the code
 * so they need no data files; `runtime watch --print-default-rules` writes them out to edit.
 * Ordered most severe first: with Falco's default rule matching (first match) an event raises
 * its most important alert.
 */
export const DEFAULT_RULES_NAME = 'builtin:container-engine-rules.yaml';

export const DEFAULT_CONTAINER_RULES = `# Coastguard default rules for container engine events (runtime watch).
# Fields: docs/engines.md (Falco container-plugin names + evt.type = the engine action).

- list: engine_sockets
  items: [/var/run/docker.sock, /run/docker.sock, /run/podman/podman.sock, /var/run/podman/podman.sock,
          /run/containerd/containerd.sock, /var/run/containerd/containerd.sock, /run/crio/crio.sock, /var/run/crio/crio.sock]

- list: sensitive_host_paths
  items: [/, /etc, /root, /proc, /sys, /dev, /boot, /run, /var/run, /var/lib/docker, /var/lib/containers,
          /var/lib/kubelet, /etc/kubernetes, /home, /usr, /lib, /bin, /sbin]

- list: trusted_registries
  items: [docker.io, ghcr.io, quay.io, registry.k8s.io, gcr.io, public.ecr.aws, mcr.microsoft.com, cgr.dev]

- list: mutable_tags
  items: [latest, stable, edge, main, master, dev, develop, nightly, testing, unstable]

- list: exec_actions
  items: [exec_start, exec]

- macro: container_started
  condition: evt.type = start

- rule: Launch Privileged Container
  desc: A container was started with --privileged (all capabilities, every device, no confinement).
  condition: container_started and container.privileged = true
  output: Privileged container started (container=%container.name id=%container.id image=%container.image engine=%container.type)
  priority: CRITICAL
  source: container_engine
  tags: [container, mitre_privilege_escalation, T1611]

- rule: Container Engine Socket Mounted
  desc: The engine's API socket is mounted into a container, which then controls the host.
  condition: container_started and container.mount.sources intersects (engine_sockets)
  output: Container engine socket mounted into a container (container=%container.name id=%container.id image=%container.image mounts=%container.mounts)
  priority: CRITICAL
  source: container_engine
  tags: [container, mitre_privilege_escalation, T1611]

- rule: Launch Container With Host Namespaces
  desc: A container shares the host's PID or network namespace.
  condition: container_started and (container.host_pid = true or container.host_network = true)
  output: Container started in a host namespace (container=%container.name id=%container.id image=%container.image host_pid=%container.host_pid host_network=%container.host_network)
  priority: ERROR
  source: container_engine
  tags: [container, mitre_privilege_escalation, T1611]

- rule: Launch Sensitive Mount Container
  desc: A sensitive host path (/, /etc, /proc, /root, the engine's storage…) is mounted into a container.
  condition: container_started and container.mount.sources intersects (sensitive_host_paths)
  output: Sensitive host path mounted into a container (container=%container.name id=%container.id image=%container.image mounts=%container.mounts)
  priority: ERROR
  source: container_engine
  tags: [container, mitre_privilege_escalation, T1611]

- rule: Container From Image With Critical Findings
  desc: A container started from an image whose scan result (--image-results) has critical findings or drift.
  condition: container_started and (coastguard.image.critical != 0 or coastguard.image.drift != 0)
  output: Container started from an image with critical findings or drift (container=%container.name image=%container.image critical=%coastguard.image.critical drift=%coastguard.image.drift)
  priority: ERROR
  source: container_engine
  tags: [container, vulnerability]

- rule: Exec Into Running Container
  desc: A process was exec'd into a running container (docker exec / podman exec / kubectl exec).
  condition: evt.type in (exec_actions)
  output: Exec into a running container (container=%container.name id=%container.id image=%container.image cmdline=%proc.cmdline engine=%container.type)
  priority: WARNING
  source: container_engine
  tags: [container, shell, mitre_execution, T1609]

- rule: Launch Container From Untrusted Registry
  desc: A container was started from an image outside the trusted registries (edit trusted_registries).
  condition: container_started and not container.image.registry in (trusted_registries)
  output: Container from an untrusted registry (container=%container.name image=%container.image registry=%container.image.registry)
  priority: WARNING
  source: container_engine
  tags: [container, supply_chain]

- rule: Launch Container By Mutable Tag
  desc: A container was started from an image named by a mutable tag (or none) instead of a digest.
  condition: container_started and not container.image.digest exists and (container.image.tag in (mutable_tags) or not container.image.tag exists)
  output: Container from an image by mutable tag (container=%container.name image=%container.image tag=%container.image.tag)
  priority: NOTICE
  source: container_engine
  tags: [container, supply_chain]
`;

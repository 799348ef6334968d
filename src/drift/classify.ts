import type { Severity } from '../core/severity.js';

/** What the engine says happened to a path (GET /containers/{id}/changes Kind 0, 1, 2). */
export type Change = 'modified' | 'added' | 'deleted';
export const CHANGE_KINDS: Record<number, Change> = { 0: 'modified', 1: 'added', 2: 'deleted' };

/**
 * Paths a running container is expected to write, ignored by default: scratch space, the
 * engine's own bookkeeping (hostname, hosts, resolv.conf, .containerenv), kernel filesystems.
 * Declared volumes are added per container. `--ignore-path` adds more, `--no-default-ignores`
 * drops this list.
 */
export const DEFAULT_IGNORES = [
  '/tmp',
  '/var/tmp',
  '/run',
  '/var/run',
  '/dev',
  '/proc',
  '/sys',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/resolv.conf',
  '/etc/mtab',
  '/.containerenv',
  '/.dockerenv',
];

export function isIgnored(path: string, ignores: string[]): boolean {
  return ignores.some((i) => path === i || path.startsWith(i.endsWith('/') ? i : `${i}/`));
}

/** An ELF binary, a script with a shebang, or any file with an execute bit. */
export function isExecutable(head: Buffer, mode: number): boolean {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return true;
  if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return true;
  return (mode & 0o111) !== 0;
}

export interface DriftRule {
  id: string;
  severity: Severity;
  title: string;
}

export const RULES = {
  executable: { id: 'CG-DRIFT-001', severity: 'HIGH', title: 'executable added or changed at run time' },
  package: { id: 'CG-DRIFT-002', severity: 'HIGH', title: 'package installed or changed at run time' },
  packageRemoved: { id: 'CG-DRIFT-002', severity: 'MEDIUM', title: 'package removed at run time' },
  etc: { id: 'CG-DRIFT-003', severity: 'MEDIUM', title: 'configuration under /etc changed at run time' },
  other: { id: 'CG-DRIFT-004', severity: 'LOW', title: 'file changed at run time' },
} satisfies Record<string, DriftRule>;

/** The rule for one changed path: an added or modified executable beats /etc, which beats the rest. */
export function ruleFor(path: string, change: Change, executable: boolean): DriftRule {
  if (change !== 'deleted' && executable) return RULES.executable;
  if (path === '/etc' || path.startsWith('/etc/')) return RULES.etc;
  return RULES.other;
}

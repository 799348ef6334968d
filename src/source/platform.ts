import { usageError } from '../core/errors.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const NODE_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function hostPlatform(): Platform {
  return { os: 'linux', architecture: NODE_ARCH[process.arch] ?? process.arch };
}

/** Parses `os/arch[/variant]` as `--platform` takes it. */
export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    throw usageError(`invalid platform "${s}" (expected os/arch[/variant], e.g. linux/arm64)`, '--platform');
  }
  return { os: parts[0], architecture: parts[1], variant: parts[2] };
}

export function formatPlatform(p: Partial<Platform> | undefined): string {
  if (!p) return 'unknown';
  return [p.os ?? '?', p.architecture ?? '?', p.variant].filter(Boolean).join('/');
}

/** arm64 images usually say variant v8 or nothing; treat those as the same. */
export function platformMatches(want: Platform, have: Partial<Platform> | undefined): boolean {
  if (!have) return false;
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (!want.variant) return true;
  const norm = (v?: string) => (have.architecture === 'arm64' && (v === undefined || v === 'v8') ? 'v8' : v);
  return norm(want.variant) === norm(have.variant);
}

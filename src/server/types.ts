import type { Artifact, Finding, Package } from '../core/types.js';
import type { Severity } from '../core/severity.js';

export type Scope = 'read' | 'upload' | 'admin';
export const SCOPES: Scope[] = ['read', 'upload', 'admin'];

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unknown: number;
}

/** An image (or other artifact) as GET /api/v1/images lists it. */
export interface ImageSummary {
  name: string;
  digest: string;
  type: Artifact['type'];
  os?: { family: string; version: string };
  firstSeen: string;
  lastScan: string;
  scans: number;
  packages: number;
  counts: SeverityCounts;
  /** How many of the stored findings are vulnerabilities (counts cover every kind). */
  vulnerabilities: number;
}

/** What the store keeps of one image: enough to re-match it without the image. */
export interface StoredImage extends ImageSummary {
  id: number;
  artifact: Artifact;
  inventory: Package[];
  /** Fingerprints the uploader's policy (ignores, VEX) suppressed: a re-match keeps them hidden. */
  suppressed: string[];
}

export interface StoredFinding {
  finding: Finding;
  firstSeen: string;
}

export type EventType = 'findings.new' | 'findings.resolved';
/** What made a finding appear or go: an uploaded scan, a changed vulnerability DB, a server-side scan. */
export type EventCause = 'scan' | 'db-change' | 'server-scan';

export interface FindingEvent {
  id: number;
  time: string;
  type: EventType;
  cause: EventCause;
  image: { name: string; digest: string };
  finding: Finding;
}

export interface TokenInfo {
  id: number;
  name: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
}

export interface AuditEntry {
  id: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  remote?: string;
}

export interface ScanRequest {
  id: string;
  ref: string;
  origin: 'api' | 'harbor' | 'watch';
  status: 'queued' | 'running' | 'done' | 'failed';
  digest?: string;
  error?: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const SEVERITY_KEYS: Record<Severity, keyof SeverityCounts> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  UNKNOWN: 'unknown',
};

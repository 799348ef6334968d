import type { SecretRule } from '../types.js';
import { token } from './define.js';
import { pkcs12OpensWith } from '../pkcs12.js';

/**
 * The body of a PEM/OpenSSH/PGP block, with headers, JSON escapes and whitespace removed. A real
 * key body is base64 of binary DER/OpenSSH data; placeholders ("...", "xxx", base64 of readable
 * text) are not.
 */
export function keyBodyIsReal(block: string): boolean {
  const body = block
    .replace(/-{3,}\s*(?:BEGIN|END)[^-\n\\]*-{3,}/g, '')
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((l) => !/^[\s"']*[A-Za-z-]+:\s/.test(l)) // Proc-Type:, DEK-Info:, Version:, Comment:
    .join('')
    .replace(/["'\s+,\\]/g, '');
  if (body.length < 32 || !/^[A-Za-z0-9+/=]+$/.test(body)) return false;
  const bin = Buffer.from(body.replace(/=+$/, ''), 'base64');
  let printable = 0;
  for (const b of bin) if (b >= 0x20 && b < 0x7f) printable++;
  return printable < bin.length * 0.95;
}

export const keyRules: SecretRule[] = [
  token({
    id: 'private-key', title: 'Private key (PEM, OpenSSH, PKCS#8, PGP)', service: 'the systems that trust its public key', category: 'key', severity: 'CRITICAL',
    why: 'A private key lets anyone who reads it decrypt, sign or log in as its owner (SSH hosts, TLS servers, code signing, package signing). Keys copied into an image stay in its layers even after a later step deletes them.',
    fix: 'Treat the key as compromised: revoke or rotate it (new key pair, remove the old public key from authorized_keys / certificates). Mount keys at run time (Kubernetes Secret volume, BuildKit --mount=type=secret or ssh) instead of copying them into images or repositories.',
    keywords: ['private key'],
    regex: /(?<secret>-----BEGIN[ A-Z0-9_]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----BEGIN)[\s\S]){0,64000}?-----END[ A-Z0-9_]{0,100}PRIVATE KEY(?: BLOCK)?-----)/,
    validate: (s) => keyBodyIsReal(s),
    references: ['https://datatracker.ietf.org/doc/html/rfc7468'],
    gitleaks: ['private-key', 'pkcs12-file'], trivy: 'private-key', secretlint: 'PrivateKey',
  }),
  {
    ...token({
      id: 'gcp-service-account-p12', title: 'Google Cloud service account key (.p12)', service: 'Google Cloud', category: 'key', severity: 'CRITICAL',
      why: 'Google issues .p12 service-account keys protected by the fixed password "notasecret": the file alone is a working private key for the service account.',
      fix: 'Delete the key in IAM (service account → Keys), create a new one only if needed, and prefer workload identity or a secret manager over key files in images and repositories.',
      keywords: [], regex: /(?!)/, paths: /\.(?:p12|pfx)$/i, references: ['https://cloud.google.com/iam/docs/keys-create-delete'], secretlint: 'PrivateKeyP12',
    }),
    fileCheck: (body: Buffer) => pkcs12OpensWith(body, 'notasecret'),
  },
  token({
    // Kubernetes Secrets (tls.key), Helm values and CI variables carry keys base64-encoded:
    // "LS0tLS1CRUdJTi" is base64 of "-----BEGIN".
    id: 'base64-private-key', title: 'Base64-encoded private key', service: 'the systems that trust its public key', category: 'key', severity: 'CRITICAL',
    why: 'A base64-encoded PEM private key is still the private key: decoding it is one command.',
    fix: 'Rotate the key pair and deliver the key at run time (a Secret volume, a secret manager) instead of storing it in files or images.',
    keywords: ['ls0tls1crudjti'],
    regex: /(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2})/,
    validate: (s) => {
      const pem = Buffer.from(s, 'base64').toString('latin1');
      return /^-----BEGIN[ A-Z0-9_]*PRIVATE KEY/.test(pem) && keyBodyIsReal(pem);
    },
    generic: true, // a rule naming the context (kubeconfig client-key-data) wins on the same text
    gitleaks: 'private-key',
  }),
  token({
    id: 'putty-private-key', title: 'PuTTY private key', service: 'the SSH servers that trust it', category: 'key', severity: 'CRITICAL',
    keywords: ['putty-user-key-file-'],
    regex: /(?<secret>PuTTY-User-Key-File-[23]: [\w-]+\r?\n[\s\S]{0,2000}?Private-Lines: \d+\r?\n[A-Za-z0-9+/=\r\n]{20,})/,
    gitleaks: 'putty-private-key',
  }),
];

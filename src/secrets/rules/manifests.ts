import type { SecretRule } from '../types.js';
import { token } from './define.js';

/** Credentials written into infrastructure files: Kubernetes Secret manifests, Terraform. */
export const manifestRules: SecretRule[] = [
  token({
    id: 'kubernetes-secret-data', title: 'Data in a Kubernetes Secret manifest', service: 'the cluster and what the Secret unlocks', category: 'key',
    why: 'A Kubernetes Secret manifest with `data:` holds the values only base64-encoded: anyone who can read the file can decode them.',
    fix: 'Keep the Secret out of the file: create it in the cluster from a secret manager (External Secrets, Sealed Secrets, SOPS) and commit only the reference.',
    keywords: ['secret'], paths: /\.ya?ml$/i,
    // kind: Secret and a data: entry of base64 (10+ characters) in the same YAML document, in either order.
    regex: /\bkind:[ \t]*["']?secret["']?[ \t]*\r?\n(?:(?!\n---)[\s\S]){0,300}?\bdata:[ \t]*\r?\n(?:[ \t]*#[^\n]*\n)*[ \t]+[\w.-]+:[ \t]*(?:[|>][-+]?[ \t]*\r?\n[ \t]*)?["']?(?<secret>[A-Za-z0-9+/]{10,}={0,3})["']?[ \t]*(?:\r?\n|$)|\bdata:[ \t]*\r?\n(?:[ \t]*#[^\n]*\n)*[ \t]+[\w.-]+:[ \t]*(?:[|>][-+]?[ \t]*\r?\n[ \t]*)?["']?(?<secret__before>[A-Za-z0-9+/]{10,}={0,3})["']?[ \t]*\r?\n(?:(?!\n---)[\s\S]){0,300}?\bkind:[ \t]*["']?secret["']?[ \t]*(?:\r?\n|$)/i,
    secretGroup: 'secret', keepRepeats: true,
    gitleaks: 'kubernetes-secret-yaml',
  }),
  token({
    id: 'terraform-password', title: 'Password in a Terraform file', service: 'the resource it configures', category: 'generic', severity: 'MEDIUM',
    keywords: ['password'], paths: /\.(?:tf|hcl)$/i,
    regex: /(?:administrator_login_password|password)[ \t]*=[ \t]*"(?<secret>[A-Za-z0-9=_-]{8,20})"/i, entropy: 2,
    validate: (s) => !/^(?:changeme|change_me|password|example|xxxxxxxx)$/i.test(s), gitleaks: 'hashicorp-tf-password',
  }),
];

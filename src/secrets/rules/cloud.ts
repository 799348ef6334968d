import type { SecretRule } from '../types.js';
import { token } from './define.js';
import { keyBodyIsReal } from './keys.js';

const AWS_REF = ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'];

/** Cloud providers and platform services. */
export const cloudRules: SecretRule[] = [
  token({
    id: 'aws-access-key-id', title: 'AWS access key ID', service: 'AWS', category: 'cloud', severity: 'CRITICAL',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    regex: /(?<![A-Za-z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/,
    // AWS's own documentation keys (AKIAIOSFODNN7EXAMPLE …) are not anyone's credentials.
    allowSecrets: [/EXAMPLE$/],
    references: AWS_REF, gitleaks: 'aws-access-token', trivy: 'aws-access-key-id', secretlint: 'AWSAccessKeyID',
  }),
  token({
    id: 'aws-secret-access-key', title: 'AWS secret access key', service: 'AWS', category: 'cloud', severity: 'CRITICAL',
    keywords: ['aws'],
    regex: /(?<key>aws[\w.-]{0,20}?sec(?:ret)?[\w.-]{0,20}?key[\w-]{0,10})["'\]]*\s{0,5}(?:=>|:=|=|:)?\s{0,5}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    entropy: 3.5, allowSecrets: [/EXAMPLEKEY$/],
    references: AWS_REF, gitleaks: 'aws-secret-access-key', trivy: 'aws-secret-access-key', secretlint: 'AWSSecretAccessKey',
  }),
  token({
    id: 'aws-session-token', title: 'AWS session token', service: 'AWS', category: 'cloud', severity: 'HIGH',
    keywords: ['session_token', 'sessiontoken', 'session-token'],
    regex: /aws[\w.-]{0,10}session[_.-]?token["'\]]*\s{0,5}(?:=>|:=|=|:)\s{0,5}["']?(?<secret>[A-Za-z0-9/+=]{100,1200})/i,
    entropy: 4, references: AWS_REF, gitleaks: 'aws-session-token',
  }),
  token({
    id: 'aws-account-id', title: 'AWS account ID', service: 'AWS', category: 'cloud', severity: 'LOW', defaultOff: true,
    why: 'An AWS account ID is an identifier rather than a credential, but published with other details it helps an attacker target the account (enable with --enable-rule aws-account-id).',
    fix: 'Keep account IDs in deployment configuration rather than in source files and images.',
    keywords: ['account'],
    regex: /aws[\w.-]{0,5}account[\w.-]{0,5}id["'\]]*\s{0,5}(?:=>|:=|=|:)\s{0,5}["']?(?<secret>\d{4}-?\d{4}-?\d{4})(?!\d)/i,
    references: AWS_REF, trivy: 'aws-account-id', secretlint: 'AWSAccountID',
  }),
  token({
    id: 'aws-mws-key', title: 'Amazon MWS auth token', service: 'Amazon Marketplace Web Service', category: 'cloud',
    keywords: ['amzn.mws'], regex: /amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    gitleaks: 'aws-amazon-bedrock-api-key-long-lived',
  }),
  token({
    id: 'gcp-api-key', title: 'Google Cloud API key', service: 'Google Cloud', category: 'cloud',
    keywords: ['aiza'], regex: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/, entropy: 4,
    references: ['https://cloud.google.com/docs/authentication/api-keys'], gitleaks: 'gcp-api-key', trivy: 'gcp-api-key',
    // keys published in Firebase's Android SDK sources and tests (gitleaks allow-lists the same ones)
    allowSecrets: [/^AIza(?:Syabcdefghijklmnopqrstuvwxyz1234567|SyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs|SyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM|SyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU|SyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0|yDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A|SyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c|SyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4|SyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY|SyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM|SyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ|SyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g|SyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU|SyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw|SyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE|SyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY)$/],
  }),
  token({
    id: 'gcp-service-account-key', title: 'Google Cloud service account key', service: 'Google Cloud', category: 'cloud', severity: 'CRITICAL',
    keywords: ['service_account'],
    // The whole credential file is the secret: the finding points at its first line.
    regex: /(?<secret>\{[^{}]{0,400}?"type"\s*:\s*"service_account"[^{}]{0,2000}?"private_key"\s*:\s*"-----BEGIN[^"]{40,})/,
    validate: (s) => keyBodyIsReal(s.slice(s.indexOf('-----BEGIN'))),
    references: ['https://cloud.google.com/iam/docs/keys-create-delete'], trivy: 'gcp-service-account', secretlint: 'PrivateKeyJSON',
  }),
  token({
    id: 'google-oauth-client-secret', title: 'Google OAuth client secret', service: 'Google Cloud', category: 'cloud',
    keywords: ['gocspx-'], regex: /(?<![A-Za-z0-9])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/, gitleaks: 'gcp-oauth-client-secret',
  }),
  token({
    id: 'google-oauth-access-token', title: 'Google OAuth access token', service: 'Google', category: 'cloud', severity: 'MEDIUM',
    keywords: ['ya29.'], regex: /(?<![A-Za-z0-9])(?<secret>ya29\.[0-9A-Za-z_-]{40,})/, entropy: 3.5, gitleaks: 'gcp-oauth-access-token',
  }),
  token({
    id: 'azure-storage-account-key', title: 'Azure storage account key', service: 'Azure Storage', category: 'cloud', severity: 'CRITICAL',
    keywords: ['accountkey'], regex: /AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)/i,
    references: ['https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage'], gitleaks: 'azure-storage-account-key', trivy: 'azure-storage-account-key',
  }),
  token({
    // Microsoft's "identifiable keys": 52 characters, the JQQJ99 marker, then a service signature.
    id: 'azure-identifiable-key', title: 'Azure service key (AI services, Container Registry, Cosmos DB …)', service: 'Azure', category: 'cloud',
    keywords: ['jqqj9'], regex: /(?<![A-Za-z0-9+/])(?<secret>[A-Za-z0-9+/]{52}JQQJ9[9DH][A-Za-z0-9+/]{6}[A-Za-z0-9+/]{12,20}(?:ACOG|AZCR|\+ACR|AZSe|ACDb|AzFu|AZEG|AZEv|ARis|ASb|AZSt|AZSB|[A-Z][A-Za-z]{3})[A-Za-z0-9+/]{0,4})(?![A-Za-z0-9+/])/,
    gitleaks: 'azure-ai-services-key', trivy: 'azure-ai-services-key',
  }),
  token({
    id: 'azure-container-registry-password', title: 'Azure Container Registry password', service: 'Azure Container Registry', category: 'cloud',
    keywords: ['azurecr.io'], regex: /azurecr\.io[^\n]{0,40}?pass(?:word)?["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9+/=]{32,88})/i,
    trivy: 'azure-container-registry-password',
  }),
  token({
    id: 'azure-app-config-connection-string', title: 'Azure App Configuration connection string', service: 'Azure App Configuration', category: 'cloud',
    keywords: ['azconfig.io'], regex: /Endpoint=https:\/\/[\w.-]+\.azconfig\.io;Id=[^;\s]+;Secret=(?<secret>[A-Za-z0-9+/=]{20,})/i,
    trivy: 'azure-app-configuration-connection-string',
  }),
  token({
    id: 'azure-sas-token', title: 'Azure shared access signature', service: 'Azure Storage', category: 'cloud',
    keywords: ['sig='], regex: /(?:sv=\d{4}-\d{2}-\d{2}[^\s"'<>]{0,300}?)&sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:=|%3D){0,2})/i,
    trivy: 'azure-sas-token',
  }),
  token({
    id: 'azure-devops-pat', title: 'Azure DevOps personal access token', service: 'Azure DevOps', category: 'vcs',
    keywords: ['devops', 'ado_'], regex: /(?:azure[_.-]?devops|ado)[\w.-]{0,20}(?:token|pat|key)["']?\s*[:=]\s*["']?(?<secret>[a-z2-7]{52}|[A-Za-z0-9]{84})(?![A-Za-z0-9])/i,
    trivy: 'azure-devops-pat',
  }),
  token({
    id: 'azure-entra-client-secret', title: 'Microsoft Entra ID (Azure AD) client secret', service: 'Microsoft Entra ID', category: 'cloud',
    keywords: ['q~'], regex: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    gitleaks: 'azure-ad-client-secret', trivy: 'azure-client-secret',
  }),
  token({
    id: 'azure-client-secret', title: 'Azure client secret', service: 'Microsoft Entra ID', category: 'cloud',
    keywords: ['azure'], regex: /azure[\w.-]{0,10}client[\w.-]{0,3}secret["']?\s*(?::=|=|:)\s*["'](?<secret>[A-Za-z0-9_~.-]{32,44})["']/i,
    entropy: 3.5, secretlint: 'AzureClientSecret',
  }),
  token({
    id: 'azure-tenant-id', title: 'Azure AD tenant ID', service: 'Microsoft Entra ID', category: 'cloud', severity: 'LOW',
    why: 'A tenant ID is an identifier, not a credential; next to a client ID and secret it completes a login.',
    fix: 'Keep tenant and client IDs in deployment configuration; make sure no client secret sits next to them.',
    keywords: ['tenant'], regex: /(?:azure|ad)[_.-]?tenant[_.-]?id["']?\s*[:=]\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i,
    secretlint: 'AzureTenantId',
  }),
  token({
    id: 'azure-client-id', title: 'Azure client ID', service: 'Microsoft Entra ID', category: 'cloud', severity: 'LOW',
    why: 'A client ID is an identifier, not a credential; next to a tenant ID and secret it completes a login.',
    fix: 'Keep tenant and client IDs in deployment configuration; make sure no client secret sits next to them.',
    keywords: ['client'], regex: /azure[_.-]?client[_.-]?id["']?\s*[:=]\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i,
    secretlint: 'AzureClientId',
  }),
  token({
    id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', service: 'Alibaba Cloud', category: 'cloud',
    keywords: ['ltai'], regex: /(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{20})(?![A-Za-z0-9])/, gitleaks: 'alibaba-access-key-id', trivy: 'alibaba-access-key-id',
  }),
  token({
    id: 'alibaba-secret-key', title: 'Alibaba Cloud AccessKey secret', service: 'Alibaba Cloud', category: 'cloud',
    keywords: ['alibaba', 'aliyun'], regex: /(?:alibaba|aliyun)[\w.-]{0,20}secret[\w.-]{0,10}["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9])/i,
    entropy: 3.5, gitleaks: 'alibaba-secret-key', trivy: 'alibaba-secret-key',
  }),
  token({
    id: 'digitalocean-token', title: 'DigitalOcean token', service: 'DigitalOcean', category: 'cloud',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'], regex: /(?<secret>do[por]_v1_[a-f0-9]{64})(?![a-f0-9])/,
    gitleaks: ['digitalocean-pat', 'digitalocean-access-token', 'digitalocean-refresh-token'], trivy: 'digitalocean-pat',
  }),
  token({
    id: 'heroku-api-key', title: 'Heroku API key', service: 'Heroku', category: 'cloud',
    keywords: ['hrku-', 'heroku'], regex: /(?<secret>HRKU-[A-Za-z0-9_-]{60})|heroku[\w.-]{0,20}(?:key|token|secret)["']?\s*[:=]\s*["']?(?<secret2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i,
    gitleaks: ['heroku-api-key', 'heroku-api-key-v2'],
  }),
  token({
    id: 'hashicorp-vault-token', title: 'HashiCorp Vault token', service: 'HashiCorp Vault', category: 'cloud',
    keywords: ['hvs.', 'hvb.', 'hvr.'], regex: /(?<![A-Za-z0-9])(?<secret>hv[sbr]\.[A-Za-z0-9_-]{90,300})(?![A-Za-z0-9_-])/,
    gitleaks: ['vault-service-token', 'vault-batch-token'], secretlint: ['HASHICORP_VAULT_SERVICE_TOKEN', 'HASHICORP_VAULT_BATCH_TOKEN', 'HASHICORP_VAULT_RECOVERY_TOKEN'],
  }),
  token({
    id: 'terraform-cloud-token', title: 'Terraform Cloud / HCP API token', service: 'HCP Terraform', category: 'cloud',
    keywords: ['atlasv1'], regex: /(?<secret>[a-z0-9]{14}\.atlasv1\.[a-z0-9_=-]{60,70})/i, gitleaks: 'hashicorp-tf-api-token', trivy: 'hashicorp-tf-api-token',
  }),
  token({
    id: 'pulumi-token', title: 'Pulumi access token', service: 'Pulumi', category: 'cloud',
    keywords: ['pul-'], regex: /(?<![A-Za-z0-9])(?<secret>pul-[a-f0-9]{40})(?![a-f0-9])/, gitleaks: 'pulumi-api-token', trivy: 'pulumi-api-token',
  }),
  token({
    id: 'doppler-token', title: 'Doppler API token', service: 'Doppler', category: 'cloud',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.scim.'], regex: /(?<secret>dp\.(?:pt|st|sa|scim|ct)\.[A-Za-z0-9]{40,44})/, gitleaks: 'doppler-api-token', trivy: 'doppler-api-token',
  }),
  token({
    id: 'onepassword-service-account-token', title: '1Password service account token', service: '1Password', category: 'cloud', severity: 'CRITICAL',
    keywords: ['ops_eyj'], regex: /(?<![A-Za-z0-9])(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{100,})/, gitleaks: '1password-service-account-token', secretlint: 'OPS_TOKEN',
  }),
  token({
    id: 'onepassword-secret-key', title: '1Password account secret key', service: '1Password', category: 'cloud', severity: 'CRITICAL',
    keywords: ['a3-'], regex: /(?<![A-Za-z0-9])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9])/,
    gitleaks: '1password-secret-key',
  }),
  token({
    id: 'planetscale-token', title: 'PlanetScale token or password', service: 'PlanetScale', category: 'database',
    keywords: ['pscale_'], regex: /(?<secret>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.=-]{32,64})/, gitleaks: ['planetscale-api-token', 'planetscale-password', 'planetscale-oauth-token'], trivy: 'planetscale-api-token',
  }),
  token({
    id: 'supabase-token', title: 'Supabase access token', service: 'Supabase', category: 'database',
    keywords: ['sbp_', 'sb_secret_'], regex: /(?<![A-Za-z0-9])(?<secret>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,})/,
  }),
  token({
    id: 'databricks-token', title: 'Databricks personal access token', service: 'Databricks', category: 'cloud',
    keywords: ['dapi'], regex: /(?<![A-Za-z0-9])(?<secret>dapi[a-f0-9]{32}(?:-\d)?)(?![A-Za-z0-9])/i,
    gitleaks: 'databricks-api-token', secretlint: 'DATABRICKS_PERSONAL_ACCESS_TOKEN',
  }),
  token({
    id: 'cloudflare-api-token', title: 'Cloudflare API token', service: 'Cloudflare', category: 'cloud',
    keywords: ['cfat_', 'cfut_', 'cfk_'], regex: /(?<![A-Za-z0-9_])(?<secret>cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8})(?![A-Za-z0-9])/,
    gitleaks: ['cloudflare-api-key', 'cloudflare-global-api-key'], secretlint: ['CLOUDFLARE_ACCOUNT_API_TOKEN', 'CLOUDFLARE_USER_API_TOKEN', 'CLOUDFLARE_GLOBAL_API_KEY'],
  }),
  token({
    id: 'cloudflare-global-api-key', title: 'Cloudflare global API key', service: 'Cloudflare', category: 'cloud',
    keywords: ['cloudflare', 'cf_api_key'], regex: /(?:cloudflare|cf)[\w.-]{0,20}(?:api[_.-]?key|global[_.-]?key)["']?\s*[:=]\s*["']?(?<secret>[a-f0-9]{37})(?![a-f0-9])/i,
    gitleaks: 'cloudflare-global-api-key',
  }),
  token({
    id: 'vercel-token', title: 'Vercel token', service: 'Vercel', category: 'cloud',
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], regex: /(?<![A-Za-z0-9])(?<secret>vc[pcirak]_[A-Za-z0-9]{24,80})(?![A-Za-z0-9])/,
    secretlint: ['VERCEL_PERSONAL_ACCESS_TOKEN', 'VERCEL_INTEGRATION_TOKEN', 'VERCEL_APP_ACCESS_TOKEN', 'VERCEL_APP_REFRESH_TOKEN', 'VERCEL_AI_GATEWAY_API_KEY'],
  }),
  token({
    id: 'netlify-token', title: 'Netlify access token', service: 'Netlify', category: 'cloud',
    keywords: ['nfp_', 'netlify'], regex: /(?<![A-Za-z0-9])(?<secret>nfp_[A-Za-z0-9]{36,40})|netlify[\w.-]{0,20}token["']?\s*[:=]\s*["']?(?<secret2>[A-Za-z0-9_=-]{40,46})(?![A-Za-z0-9])/i,
    entropy: 3.5, gitleaks: 'netlify-access-token',
  }),
  token({
    id: 'fly-io-token', title: 'Fly.io access token', service: 'Fly.io', category: 'cloud',
    keywords: ['fo1_', 'fm1', 'fm2_'], regex: /(?<![A-Za-z0-9])(?<secret>fo1_[\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})/, gitleaks: 'flyio-access-token',
  }),
  token({
    id: 'tailscale-key', title: 'Tailscale key', service: 'Tailscale', category: 'cloud',
    keywords: ['tskey-'], regex: /(?<![A-Za-z])(?<secret>tskey-[a-z]+-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{16,40})(?![A-Za-z0-9])/,
    secretlint: ['TAILSCALE_API_KEY', 'TAILSCALE_AUTH_KEY', 'TAILSCALE_CLIENT_KEY', 'TAILSCALE_SCIM_KEY', 'TAILSCALE_WEBHOOK_KEY', 'TAILSCALE_KEY'],
  }),
  token({
    id: 'openshift-token', title: 'OpenShift user token', service: 'OpenShift', category: 'cloud',
    keywords: ['sha256~'], regex: /(?<![A-Za-z0-9])(?<secret>sha256~[\w-]{43})(?![\w-])/, gitleaks: 'openshift-user-token',
  }),
  token({
    id: 'scaleway-secret-key', title: 'Scaleway secret key', service: 'Scaleway', category: 'cloud',
    keywords: ['scw'], regex: /scw[\w.-]{0,10}secret[\w.-]{0,10}["']?\s*[:=]\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i,
    gitleaks: 'scaleway-api-token',
  }),
  token({
    id: 'linode-token', title: 'Linode / Akamai API token', service: 'Linode', category: 'cloud',
    keywords: ['linode'], regex: /linode[\w.-]{0,20}token["']?\s*[:=]\s*["']?(?<secret>[a-f0-9]{64})(?![a-f0-9])/i, gitleaks: 'linode-api-token',
  }),
  token({
    id: 'ibm-cloud-api-key', title: 'IBM Cloud API key', service: 'IBM Cloud', category: 'cloud',
    keywords: ['ibm'], regex: /ibm[\w.-]{0,20}(?:api[_.-]?key|apikey)["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])/i, entropy: 3.5,
  }),
  token({
    id: 'okta-api-token', title: 'Okta API token', service: 'Okta', category: 'cloud',
    keywords: ['okta'], regex: /okta[\w.-]{0,20}(?:token|key)["']?\s*[:=]\s*["']?(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/i, gitleaks: 'okta-access-token',
  }),
];

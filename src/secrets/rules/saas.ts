import type { SecretRule } from '../types.js';
import { token } from './define.js';

/** Chat, mail, payment, AI and other SaaS APIs. */
export const saasRules: SecretRule[] = [
  // chat
  token({
    id: 'slack-token', title: 'Slack token', service: 'Slack', category: 'chat',
    keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe', 'xapp-'],
    regex: /(?<![A-Za-z0-9])(?<secret>xox[abposr]-\d{6,}-\d{6,}(?:-[A-Za-z0-9]+)*|xoxb-\d{8,14}-[A-Za-z0-9]{18,26}|xox[pe](?:-\d{10,13}){3}-[A-Za-z0-9-]{28,34}|xox[ar]-(?:\d-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]+)*|xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{100,}|xapp-\d-[A-Z0-9]+-\d+(?:-[a-z0-9]+)?)(?![A-Za-z0-9-]*[#*])/,
    references: ['https://api.slack.com/authentication/token-types'], gitleaks: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-legacy-token'], trivy: 'slack-access-token', secretlint: 'SLACK_TOKEN',
  }),
  token({
    id: 'slack-webhook-url', title: 'Slack incoming webhook URL', service: 'Slack', category: 'chat', severity: 'MEDIUM',
    keepRepeats: true, // secretlint's corpus counts an X-filled webhook URL as a finding
    keywords: ['hooks.slack.com'], regex: /(?<secret>https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]+\/[A-Za-z0-9_]+\/[A-Za-z0-9_]+)/,
    gitleaks: 'slack-webhook-url', trivy: 'slack-web-hook', secretlint: 'IncomingWebhook',
  }),
  token({
    id: 'discord-webhook-url', title: 'Discord webhook URL', service: 'Discord', category: 'chat', severity: 'MEDIUM',
    keywords: ['discord'], regex: /(?<secret>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{60,})/,
  }),
  token({
    id: 'discord-bot-token', title: 'Discord bot token', service: 'Discord', category: 'chat',
    keywords: ['discord'], regex: /discord[\w.-]{0,20}(?:token|secret|key)["']?\s*[:=]\s*["']?(?<secret>[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38})/i, gitleaks: 'discord-api-token',
  }),
  token({
    id: 'telegram-bot-token', title: 'Telegram bot token', service: 'Telegram', category: 'chat',
    keywords: [':aa'], regex: /(?<![A-Za-z0-9])(?<secret>\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/, gitleaks: 'telegram-bot-api-token', trivy: 'telegram-bot-token',
  }),
  token({
    id: 'teams-webhook-url', title: 'Microsoft Teams webhook URL', service: 'Microsoft Teams', category: 'chat', severity: 'MEDIUM',
    keywords: ['webhook.office.com', 'logic.azure.com'], regex: /(?<secret>https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]+@[a-z0-9-]+\/IncomingWebhook\/[a-z0-9]+\/[a-z0-9-]+)/i,
    gitleaks: 'microsoft-teams-webhook',
  }),
  token({
    id: 'twilio-api-key', title: 'Twilio API key', service: 'Twilio', category: 'chat',
    // Starts with the literal (fast scan); the left boundary is checked after it.
    keywords: ['sk'], regex: /(?<secret>SK(?<![A-Za-z0-9]SK)[0-9a-fA-F]{32})(?![A-Za-z0-9])/, entropy: 3.2,
    allowLines: [/sha|hash|md5|digest|checksum/i], gitleaks: 'twilio-api-key', trivy: 'twilio-api-key',
  }),
  token({
    id: 'sendgrid-api-key', title: 'SendGrid API key', service: 'SendGrid', category: 'mail',
    keywords: ['sg.'], // SG.<22>.<43> as issued; gitleaks also takes any 66 key characters after SG.
    regex: /(?<![A-Za-z0-9])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|SG\.[A-Za-z0-9=_.-]{66})(?![A-Za-z0-9=_.-])/, entropy: 3,
    gitleaks: 'sendgrid-api-token', trivy: 'sendgrid-api-token', secretlint: 'SENDGRID_KEY',
  }),
  token({
    id: 'mailgun-api-key', title: 'Mailgun API key', service: 'Mailgun', category: 'mail',
    keywords: ['mailgun', 'key-'], regex: /mailgun[^\n]{0,40}?(?<secret>key-[0-9a-z]{32})(?![0-9a-z])/i, gitleaks: 'mailgun-private-api-token', trivy: 'mailgun-private-api-token',
  }),
  token({
    id: 'mailchimp-api-key', title: 'Mailchimp API key', service: 'Mailchimp', category: 'mail',
    keywords: ['mailchimp', 'mc_api'], regex: /(?:mailchimp|mc_api)[^\n]{0,60}?(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![A-Za-z0-9])/i, gitleaks: 'mailchimp-api-key',
  }),
  token({
    id: 'postmark-token', title: 'Postmark server token', service: 'Postmark', category: 'mail',
    keywords: ['postmark'], regex: /postmark[\w.-]{0,20}(?:token|key)["']?\s*[:=]\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i,
  }),
  // payment
  token({
    id: 'stripe-secret-key', title: 'Stripe secret or restricted key', service: 'Stripe', category: 'payment', severity: 'CRITICAL',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], regex: /(?<![A-Za-z0-9])(?<secret>[sr]k_(?:live|test)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])/,
    references: ['https://docs.stripe.com/keys'], gitleaks: 'stripe-access-token', trivy: 'stripe-secret-token',
    secretlint: ['STRIPE_SECRET_KEY_LIVE', 'STRIPE_SECRET_KEY_TEST', 'STRIPE_RESTRICTED_KEY_LIVE', 'STRIPE_RESTRICTED_KEY_TEST'],
  }),
  token({
    id: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', service: 'Stripe', category: 'payment',
    keywords: ['whsec_'], regex: /(?<![A-Za-z0-9])(?<secret>whsec_[A-Za-z0-9]{32,})/,
  }),
  token({
    id: 'square-token', title: 'Square access token or OAuth secret', service: 'Square', category: 'payment',
    keywords: ['sq0atp-', 'sq0csp-', 'eaaa'], regex: /(?<![A-Za-z0-9])(?<secret>sq0atp-[0-9A-Za-z_-]{22,60}|sq0csp-[0-9A-Za-z_-]{43}|EAAA[A-Za-z0-9_-]{22,60})(?![A-Za-z0-9_-])/, entropy: 2,
    gitleaks: ['square-access-token', 'square-secret'], trivy: 'square-access-token',
  }),
  token({
    id: 'braintree-token', title: 'PayPal Braintree access token', service: 'Braintree', category: 'payment',
    keywords: ['access_token$production$', 'access_token$sandbox$'], regex: /(?<secret>access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})/,
  }),
  token({
    id: 'shopify-token', title: 'Shopify access token or shared secret', service: 'Shopify', category: 'payment',
    keywords: ['shpss_', 'shpat_', 'shpca_', 'shppa_'], regex: /(?<![A-Za-z0-9])(?<secret>shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,})(?![A-Za-z0-9])/,
    gitleaks: ['shopify-access-token', 'shopify-shared-secret', 'shopify-custom-access-token', 'shopify-private-app-access-token'], trivy: 'shopify-token', secretlint: 'SHOPIFY_KEY',
  }),
  token({
    id: 'flutterwave-secret-key', title: 'Flutterwave secret key', service: 'Flutterwave', category: 'payment',
    keywords: ['flwseck'], regex: /(?<![A-Za-z0-9])(?<secret>FLWSECK(?:_TEST)?-[a-h0-9]{32}-X)(?![A-Za-z0-9])/, gitleaks: 'flutterwave-secret-key',
  }),
  token({
    id: 'razorpay-key', title: 'Razorpay key', service: 'Razorpay', category: 'payment',
    keywords: ['rzp_'], regex: /(?<![A-Za-z0-9])(?<secret>rzp_(?:live|test)_[A-Za-z0-9]{14})(?![A-Za-z0-9])/,
  }),
  token({
    id: 'coinbase-key', title: 'Coinbase / crypto exchange API secret', service: 'Coinbase', category: 'payment',
    keywords: ['coinbase'], regex: /coinbase[\w.-]{0,20}(?:secret|key|token)["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9_-]{64})(?![A-Za-z0-9_-])/i, entropy: 3.5, gitleaks: 'coinbase-access-token',
  }),
  token({
    id: 'secp256k1-private-key', title: 'secp256k1 (Ethereum/Bitcoin) private key', service: 'a cryptocurrency wallet', category: 'key', severity: 'CRITICAL',
    keywords: ['0x'], regex: /(?<![0-9A-Za-z])0x(?<secret>[0-9a-fA-F]{64})(?![0-9A-Za-z])/,
    entropy: 3.0, allowLines: [/hash|\btx|transaction|block|topic|slot|root|digest|sha|keccak|commit|event|selector|address|salt|nonce|uint|bytes32/i],
    validate: (s) => /[a-f]/i.test(s) && !/^0+$/.test(s), secretlint: 'secp256k1Priv',
  }),
  // AI
  token({
    id: 'openai-api-key', title: 'OpenAI API key', service: 'OpenAI', category: 'ai', severity: 'CRITICAL',
    keywords: ['t3blbkfj'],
    regex: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|service-[a-z0-9-]{1,40}?)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/,
    references: ['https://platform.openai.com/docs/api-reference/authentication'], gitleaks: 'openai-api-key', trivy: 'openai-api-key', secretlint: 'OPENAI_TOKEN',
  }),
  token({
    id: 'openai-client-secret', title: 'OpenAI ephemeral client secret', service: 'OpenAI', category: 'ai', severity: 'MEDIUM',
    keywords: ['ek_'], regex: /(?<![A-Za-z0-9_])(?<secret>ek_[a-f0-9]{32})(?![A-Za-z0-9])/,
  }),
  token({
    id: 'anthropic-api-key', title: 'Anthropic API key', service: 'Anthropic', category: 'ai', severity: 'CRITICAL',
    keywords: ['sk-ant-'], regex: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin|sid)\d\d-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/,
    gitleaks: ['anthropic-api-key', 'anthropic-admin-api-key'], trivy: 'anthropic-api-key', secretlint: 'ANTHROPIC_API_KEY',
  }),
  token({
    id: 'groq-api-key', title: 'Groq API key', service: 'Groq', category: 'ai',
    keywords: ['gsk_'], regex: /(?<![A-Za-z0-9])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])/, secretlint: 'GROQ_API_KEY',
  }),
  token({
    id: 'huggingface-token', title: 'Hugging Face access token', service: 'Hugging Face', category: 'ai',
    keepRepeats: true, // secretlint's corpus counts hf_xxxx… as a finding; gitleaks does not
    keywords: ['hf_', 'api_org_'], regex: /(?<![A-Za-z])(?<secret>hf_[A-Za-z]{34}|hf_(?=[A-Za-z]*\d)[A-Za-z0-9]{36,40}|api_org_[A-Za-z]{34})(?![A-Za-z0-9])/,
    gitleaks: ['huggingface-access-token', 'huggingface-organization-api-token'], trivy: 'hugging-face-access-token', secretlint: 'HUGGINGFACE_USER_ACCESS_TOKEN',
  }),
  token({
    id: 'replicate-token', title: 'Replicate API token', service: 'Replicate', category: 'ai',
    keywords: ['r8_'], regex: /(?<![A-Za-z0-9])(?<secret>r8_[A-Za-z0-9]{37})(?![A-Za-z0-9])/,
  }),
  token({
    id: 'perplexity-api-key', title: 'Perplexity API key', service: 'Perplexity', category: 'ai',
    keywords: ['pplx-'], regex: /(?<![A-Za-z0-9])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9])/, gitleaks: 'perplexity-api-key',
  }),
  token({
    id: 'xai-api-key', title: 'xAI API key', service: 'xAI', category: 'ai',
    keywords: ['xai-'], regex: /(?<![A-Za-z0-9])(?<secret>xai-[A-Za-z0-9]{80})(?![A-Za-z0-9])/,
  }),
  // other SaaS
  token({
    id: 'linear-api-key', title: 'Linear API key', service: 'Linear', category: 'saas',
    keywords: ['lin_api_'], regex: /(?<secret>lin_api_[A-Za-z0-9]{40,60})(?![A-Za-z0-9])/, gitleaks: 'linear-api-key', trivy: 'linear-api-token', secretlint: 'LINEAR_API_TOKEN',
  }),
  token({
    id: 'notion-token', title: 'Notion integration token', service: 'Notion', category: 'saas',
    keywords: ['ntn_'], regex: /(?<![A-Za-z0-9])(?<secret>ntn_\d{11}[A-Za-z0-9]{35})(?![A-Za-z0-9])/, secretlint: 'NOTION_INTEGRATION_TOKEN',
  }),
  token({
    id: 'figma-token', title: 'Figma personal access token', service: 'Figma', category: 'saas',
    keywords: ['figd_'], regex: /(?<![A-Za-z0-9])(?<secret>figd_[A-Za-z0-9_-]{40,})/, secretlint: 'FIGMA_PERSONAL_ACCESS_TOKEN',
  }),
  token({
    id: 'airtable-token', title: 'Airtable personal access token', service: 'Airtable', category: 'saas',
    keywords: ['pat'], regex: /(?<secret>pat(?<![A-Za-z0-9]pat)[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![a-f0-9])/, gitleaks: 'airtable-api-key',
  }),
  token({
    id: 'postman-api-key', title: 'Postman API key', service: 'Postman', category: 'saas',
    keywords: ['pmak-'], regex: /(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})/i, gitleaks: 'postman-api-token', trivy: 'postman-api-token',
  }),
  token({
    id: 'typeform-token', title: 'Typeform personal access token', service: 'Typeform', category: 'saas',
    keywords: ['tfp_'], regex: /(?<![A-Za-z0-9])(?<secret>tfp_[A-Za-z0-9_.=-]{59})/, gitleaks: 'typeform-api-token', trivy: 'typeform-api-token',
  }),
  token({
    id: 'dropbox-token', title: 'Dropbox access token', service: 'Dropbox', category: 'saas',
    keywords: ['sl.', 'dropbox'], regex: /(?<![A-Za-z0-9.])(?<secret>sl\.[A-Za-z0-9_-]{130,152})(?![A-Za-z0-9_-])/, gitleaks: 'dropbox-short-lived-api-token', trivy: 'dropbox-api-secret',
  }),
  token({
    id: 'clickup-token', title: 'ClickUp personal API token', service: 'ClickUp', category: 'saas',
    keywords: ['pk_'], regex: /(?<![A-Za-z0-9])(?<secret>pk_\d{6,10}_[A-Z0-9]{32})(?![A-Za-z0-9])/, gitleaks: 'clickup-api-token',
  }),
  token({
    id: 'grafana-token', title: 'Grafana API key, Cloud or service-account token', service: 'Grafana', category: 'observability',
    keywords: ['glc_', 'glsa_', 'eyjrijoi'],
    regex: /(?<![A-Za-z0-9])(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,2})(?![A-Za-z0-9])/, entropy: 3,
    gitleaks: ['grafana-api-key', 'grafana-cloud-api-token', 'grafana-service-account-token'], trivy: 'grafana-api-token', secretlint: ['GRAFANA_CLOUD_API_TOKEN', 'GRAFANA_SERVICE_ACCOUNT_TOKEN'],
  }),
  token({
    id: 'new-relic-key', title: 'New Relic API key', service: 'New Relic', category: 'observability',
    keywords: ['nrak-', 'nrjs-', 'nrii-'], regex: /(?<![A-Za-z0-9])(?<secret>NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32})(?![A-Za-z0-9])/,
    gitleaks: ['new-relic-user-api-key', 'new-relic-browser-api-token', 'new-relic-insert-key'], trivy: 'new-relic-user-api-key',
  }),
  token({
    id: 'datadog-api-key', title: 'Datadog API or application key', service: 'Datadog', category: 'observability',
    keywords: ['datadog', 'dd_api_key', 'dd_app_key'], regex: /(?:datadog|dd)[\w.-]{0,10}(?:api|app|application)[\w.-]{0,5}key["']?\s*[:=]\s*["']?(?<secret>[a-f0-9]{32}|[a-f0-9]{40})(?![a-f0-9])/i,
    entropy: 3, gitleaks: 'datadog-access-token',
  }),
  token({
    id: 'sentry-token', title: 'Sentry auth token', service: 'Sentry', category: 'observability',
    keywords: ['sntrys_', 'sntryu_'], regex: /(?<![A-Za-z0-9])(?<secret>sntrys_eyJ[A-Za-z0-9+/=_-]{50,}|sntryu_[a-f0-9]{64}(?![A-Za-z0-9]))/, entropy: 3.5, gitleaks: ['sentry-org-token', 'sentry-user-token'],
  }),
  token({
    id: 'dynatrace-token', title: 'Dynatrace API token', service: 'Dynatrace', category: 'observability',
    keywords: ['dt0c01.'], regex: /(?<![A-Za-z0-9])(?<secret>dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})(?![A-Za-z0-9])/, entropy: 4, gitleaks: 'dynatrace-api-token', trivy: 'dynatrace-api-token',
  }),
  token({
    id: 'age-secret-key', title: 'age encryption secret key', service: 'age', category: 'key', severity: 'CRITICAL',
    keepRepeats: true, keywords: ['age-secret-key-1'], regex: /(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/, gitleaks: 'age-secret-key', trivy: 'age-secret-key',
  }),
  token({
    id: 'jwt', title: 'JSON Web Token', service: 'the service that issued it', category: 'generic', severity: 'MEDIUM',
    why: 'A JSON Web Token is a bearer credential: until it expires, whoever holds it is the user or service it names.',
    keywords: ['eyj'], regex: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})(?![A-Za-z0-9_-])/,
    gitleaks: 'jwt', trivy: 'jwt-token',
  }),
];

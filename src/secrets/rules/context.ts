import type { SecretRule } from '../types.js';
import { assigned, token } from './define.js';

/**
 * Services whose keys have no distinctive prefix: the rule needs the service's name in the
 * variable name (`hubspot_api_key = …`, `FASTLY_TOKEN: …`, `<etsyToken>…`) and a value of the
 * documented shape (gitleaks' semi-generic rules, same names and shapes). One table row per
 * service; the regex is built the same way for all (`assigned`).
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

interface Row {
  id: string;
  service: string;
  /** Regex alternatives for the variable name. */
  names: string;
  value: string;
  gitleaks?: string | string[];
  /** Literal keywords for the prefilter (default: the names). */
  keywords?: string[];
  /** Minimum entropy (default 3). */
  entropy?: number;
  /** Whether the value must hold a digit (default true: a word is a name, not a key). */
  digit?: boolean;
}

const ROWS: Row[] = [
  { id: 'adafruit-api-key', service: 'Adafruit IO', names: 'adafruit', value: '[a-z0-9_-]{32}', gitleaks: 'adafruit-api-key' },
  { id: 'adobe-client-id', service: 'Adobe', names: 'adobe', value: '[a-f0-9]{32}', gitleaks: 'adobe-client-id', entropy: 2 },
  { id: 'airtable-api-key', service: 'Airtable', names: 'airtable', value: 'pat[a-z0-9]{14}\\.[a-f0-9]{64}|[a-z0-9]{17}', gitleaks: ['airtable-api-key', 'airtable-personnal-access-token'] },
  { id: 'algolia-api-key', service: 'Algolia', names: 'algolia', value: '[a-z0-9]{32}', gitleaks: 'algolia-api-key' },
  { id: 'alibaba-secret-key-named', service: 'Alibaba Cloud', names: 'alibaba', value: '[a-z0-9]{30}', gitleaks: 'alibaba-secret-key', entropy: 2 },
  { id: 'asana-token', service: 'Asana', names: 'asana', value: '[0-9]{16}|[a-z0-9]{32}', gitleaks: ['asana-client-id', 'asana-client-secret'], entropy: 2 },
  { id: 'atlassian-api-token-named', service: 'Atlassian', names: 'atlassian|confluence|jira', value: '[a-z0-9]{24}', gitleaks: 'atlassian-api-token' },
  { id: 'beamer-api-token', service: 'Beamer', names: 'beamer', value: 'b_[a-z0-9=_-]{44}', gitleaks: 'beamer-api-token' },
  { id: 'bitbucket-client-key', service: 'Bitbucket', names: 'bitbucket', value: '[a-z0-9=_-]{64}|[a-z0-9]{32}', gitleaks: ['bitbucket-client-id', 'bitbucket-client-secret'] },
  { id: 'bittrex-key', service: 'Bittrex', names: 'bittrex', value: '[a-z0-9]{32}', gitleaks: ['bittrex-access-key', 'bittrex-secret-key'] },
  { id: 'cloudflare-key-named', service: 'Cloudflare', names: 'cloudflare', value: '[a-f0-9]{37}|[a-z0-9_-]{40}', gitleaks: ['cloudflare-global-api-key', 'cloudflare-api-key'], entropy: 2 },
  { id: 'codecov-token', service: 'Codecov', names: 'codecov', value: `[a-z0-9]{32}|${UUID}`, gitleaks: 'codecov-access-token' },
  { id: 'coinbase-token', service: 'Coinbase', names: 'coinbase', value: '[a-z0-9_-]{64}', gitleaks: 'coinbase-access-token' },
  { id: 'confluent-key', service: 'Confluent', names: 'confluent', value: '[a-z0-9]{64}|[a-z0-9]{16}', gitleaks: ['confluent-secret-key', 'confluent-access-token'] },
  { id: 'contentful-token-named', service: 'Contentful', names: 'contentful', value: '[a-z0-9=_-]{43}', gitleaks: 'contentful-delivery-api-token' },
  { id: 'datadog-token-named', service: 'Datadog', names: 'datadog', value: '[a-z0-9]{40}|[a-f0-9]{32}', gitleaks: 'datadog-access-token' },
  { id: 'discord-client-secret', service: 'Discord', names: 'discord', value: '[a-f0-9]{64}|[a-z0-9=_-]{32}|[0-9]{18}', gitleaks: ['discord-api-token', 'discord-client-id', 'discord-client-secret'], entropy: 2 },
  { id: 'droneci-token', service: 'Drone CI', names: 'drone', value: '[a-z0-9]{32}', gitleaks: 'droneci-access-token' },
  { id: 'dropbox-api-secret', service: 'Dropbox', names: 'dropbox', value: '[a-z0-9]{15}', gitleaks: 'dropbox-api-token' },
  { id: 'etsy-token', service: 'Etsy', names: 'etsy', value: '[a-z0-9]{24}', gitleaks: 'etsy-access-token' },
  { id: 'facebook-secret', service: 'Facebook', names: 'facebook', value: '[a-f0-9]{32}', gitleaks: ['facebook', 'facebook-secret'] },
  { id: 'fastly-token', service: 'Fastly', names: 'fastly', value: '[a-z0-9=_-]{32}', gitleaks: 'fastly-api-token' },
  { id: 'finicity-secret', service: 'Finicity', names: 'finicity', value: '[a-f0-9]{32}|[a-z0-9]{20}', gitleaks: ['finicity-client-secret', 'finicity-api-token'] },
  { id: 'finnhub-token', service: 'Finnhub', names: 'finnhub', value: '[a-z0-9]{20}', gitleaks: 'finnhub-access-token' },
  { id: 'flickr-token', service: 'Flickr', names: 'flickr', value: '[a-z0-9]{32}', gitleaks: 'flickr-access-token' },
  { id: 'freemius-key', service: 'Freemius', names: 'freemius', value: 'sk_[\\S]{29}', gitleaks: 'freemius-secret-key' },
  { id: 'freshbooks-token', service: 'FreshBooks', names: 'freshbooks', value: '[a-z0-9]{64}', gitleaks: 'freshbooks-access-token' },
  { id: 'gitter-token', service: 'Gitter', names: 'gitter', value: '[a-z0-9_-]{40}', gitleaks: 'gitter-access-token' },
  { id: 'gocardless-token', service: 'GoCardless', names: 'gocardless', value: 'live_[a-z0-9_=-]{40}', gitleaks: 'gocardless-api-token' },
  { id: 'heroku-api-key-named', service: 'Heroku', names: 'heroku', value: UUID, gitleaks: 'heroku-api-key' },
  { id: 'hubspot-key', service: 'HubSpot', names: 'hubspot', value: `${UUID}|pat-[a-z0-9]{2,4}-[0-9a-f-]{36}`, gitleaks: 'hubspot-api-key' },
  { id: 'intercom-token', service: 'Intercom', names: 'intercom', value: '[a-z0-9=_-]{60}', gitleaks: 'intercom-api-key' },
  { id: 'jfrog-token', service: 'JFrog', names: 'jfrog|artifactory|bintray|xray', value: '[a-z0-9]{73}|[a-z0-9]{64}', gitleaks: ['jfrog-api-key', 'jfrog-identity-token'] },
  { id: 'kraken-key', service: 'Kraken', names: 'kraken', value: '[a-z0-9/=_+-]{80,90}', gitleaks: 'kraken-access-token' },
  { id: 'kucoin-key', service: 'KuCoin', names: 'kucoin', value: `[a-f0-9]{24}|${UUID}`, gitleaks: ['kucoin-access-token', 'kucoin-secret-key'] },
  { id: 'launchdarkly-key', service: 'LaunchDarkly', names: 'launchdarkly|ld_sdk|ld_api', value: `(?:api|sdk)-${UUID}|[a-z0-9=_-]{40}`, gitleaks: 'launchdarkly-access-token', keywords: ['launchdarkly', 'ld_sdk', 'ld_api'] },
  { id: 'linear-client-secret', service: 'Linear', names: 'linear', value: '[a-f0-9]{32}', gitleaks: 'linear-client-secret' },
  { id: 'linkedin-secret', service: 'LinkedIn', names: 'linked[_-]?in', value: '[a-z0-9]{16}|[a-z0-9]{14}', gitleaks: ['linkedin-client-secret', 'linkedin-client-id'], keywords: ['linkedin', 'linked_in', 'linked-in'] },
  { id: 'lob-key', service: 'Lob', names: 'lob', value: '(?:live|test)_(?:pub_)?[a-f0-9]{31,35}', gitleaks: ['lob-api-key', 'lob-pub-api-key'] },
  { id: 'looker-secret', service: 'Looker', names: 'looker', value: '[a-z0-9]{24}', gitleaks: 'looker-client-secret' },
  { id: 'mailgun-signing-key', service: 'Mailgun', names: 'mailgun', value: '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}|pubkey-[a-f0-9]{32}', gitleaks: ['mailgun-signing-key', 'mailgun-pub-key'] },
  { id: 'mapbox-token', service: 'Mapbox', names: 'mapbox', value: 'pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}', gitleaks: 'mapbox-api-token' },
  { id: 'mattermost-token', service: 'Mattermost', names: 'mattermost', value: '[a-z0-9]{26}', gitleaks: 'mattermost-access-token' },
  { id: 'messagebird-key', service: 'MessageBird', names: 'message[_-]?bird', value: `[a-z0-9]{25}|${UUID}`, gitleaks: ['messagebird-api-token', 'messagebird-client-id'], keywords: ['messagebird', 'message_bird', 'message-bird'] },
  { id: 'nytimes-key', service: 'New York Times', names: 'nytimes|new-york-times', value: '[a-z0-9=_-]{32}', gitleaks: 'nytimes-access-token' },
  { id: 'rapidapi-key', service: 'RapidAPI', names: 'rapidapi', value: '[a-z0-9_-]{50}', gitleaks: 'rapidapi-access-token' },
  { id: 'sendbird-token', service: 'Sendbird', names: 'sendbird', value: `[a-f0-9]{40}|${UUID}`, gitleaks: ['sendbird-access-token', 'sendbird-access-id'] },
  { id: 'sentry-access-token-named', service: 'Sentry', names: 'sentry', value: '[a-f0-9]{64}', gitleaks: 'sentry-access-token' },
  { id: 'sidekiq-secret', service: 'Sidekiq Pro/Enterprise', names: 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM|BUNDLE_GEMS__CONTRIBSYS__COM', value: '[a-f0-9]{8}:[a-f0-9]{8}', gitleaks: 'sidekiq-secret', entropy: 2, digit: false },
  { id: 'snyk-token-named', service: 'Snyk', names: 'snyk[_.-]?(?:(?:api|oauth)[_.-]?)?(?:key|token)', value: UUID, gitleaks: 'snyk-api-token', keywords: ['snyk'] },
  { id: 'sonar-token-named', service: 'SonarQube / SonarCloud', names: 'sonar[_.-]?(?:login|token)', value: '(?:squ_|sqp_|sqa_)?[a-z0-9=_-]{40}', gitleaks: 'sonar-api-token', keywords: ['sonar'] },
  { id: 'squarespace-token', service: 'Squarespace', names: 'squarespace', value: UUID, gitleaks: 'squarespace-access-token' },
  { id: 'sumologic-key', service: 'Sumo Logic', names: 'sumo', value: '[a-z0-9]{64}|su[a-zA-Z0-9]{12}', gitleaks: ['sumologic-access-token', 'sumologic-access-id'] },
  { id: 'telegram-bot-token-named', service: 'Telegram', names: 'telegr', value: '[0-9]{5,16}:A[a-z0-9_-]{34}', gitleaks: 'telegram-bot-api-token' },
  { id: 'trello-token', service: 'Trello', names: 'trello', value: '[a-zA-Z0-9]{32}|[a-f0-9]{64}', gitleaks: 'trello-access-token' },
  { id: 'twitch-token', service: 'Twitch', names: 'twitch', value: '[a-z0-9]{30}', gitleaks: 'twitch-api-token' },
  { id: 'twitter-secret', service: 'X (Twitter)', names: 'twitter', value: '[a-z0-9]{25,50}', gitleaks: ['twitter-api-key', 'twitter-api-secret', 'twitter-access-secret'] },
  { id: 'privateai-key', service: 'Private AI', names: 'private[_-]?ai', value: '[a-z0-9]{32}', gitleaks: 'privateai-api-token', keywords: ['privateai', 'private_ai', 'private-ai'] },
];

export const contextRules: SecretRule[] = ROWS.map((r) =>
  token({
    id: r.id, title: `${r.service} API key or token`, service: r.service, category: 'saas',
    keywords: r.keywords ?? r.names.split('|').map((n) => n.toLowerCase()),
    regex: assigned(r.names, r.value),
    entropy: r.entropy ?? 3,
    validate: (s) => (r.digit === false || /\d/.test(s)) && !/^(.)\1+$/.test(s),
    gitleaks: r.gitleaks,
  }),
);

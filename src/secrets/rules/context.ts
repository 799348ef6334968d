import type { SecretRule } from '../types.js';
import { token } from './define.js';

/**
 * Services whose keys have no distinctive prefix: the rule needs the service's name in the
 * variable name (`hubspot_api_key = …`, `FASTLY_TOKEN: …`) and a value of the documented shape.
 * One table row per service; the regex is built the same way for all.
 */
const ROWS: [id: string, service: string, names: string, value: string, gitleaks?: string][] = [
  ['adafruit-api-key', 'Adafruit IO', 'adafruit', '[a-z0-9_-]{32}', 'adafruit-api-key'],
  ['asana-token', 'Asana', 'asana', '[0-9]{16}|[a-z0-9]{32}', 'asana-client-secret'],
  ['beamer-api-token', 'Beamer', 'beamer', 'b_[a-z0-9=_-]{44}', 'beamer-api-token'],
  ['bittrex-key', 'Bittrex', 'bittrex', '[a-z0-9]{32}', 'bittrex-access-key'],
  ['codecov-token', 'Codecov', 'codecov', '[a-z0-9]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'codecov-access-token'],
  ['confluent-key', 'Confluent', 'confluent', '[a-z0-9]{16}|[a-z0-9+/]{64}', 'confluent-secret-key'],
  ['droneci-token', 'Drone CI', 'drone', '[a-z0-9]{32}', 'droneci-access-token'],
  ['etsy-token', 'Etsy', 'etsy', '[a-z0-9]{24}', 'etsy-access-token'],
  ['fastly-token', 'Fastly', 'fastly', '[a-z0-9=_-]{32}', 'fastly-api-token'],
  ['finnhub-token', 'Finnhub', 'finnhub', '[a-z0-9]{20}', 'finnhub-access-token'],
  ['flickr-token', 'Flickr', 'flickr', '[a-z0-9]{32}', 'flickr-access-token'],
  ['freshbooks-token', 'FreshBooks', 'freshbooks', '[a-z0-9]{64}', 'freshbooks-access-token'],
  ['gitter-token', 'Gitter', 'gitter', '[a-z0-9_-]{40}', 'gitter-access-token'],
  ['gocardless-token', 'GoCardless', 'gocardless', 'live_[a-z0-9_=-]{40}', 'gocardless-api-token'],
  ['hubspot-key', 'HubSpot', 'hubspot', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|pat-[a-z0-9]{2,4}-[0-9a-f-]{36}', 'hubspot-api-key'],
  ['intercom-token', 'Intercom', 'intercom', '[a-z0-9=_-]{60}', 'intercom-api-key'],
  ['kraken-key', 'Kraken', 'kraken', '[a-z0-9/=_+-]{80,90}', 'kraken-access-token'],
  ['kucoin-key', 'KuCoin', 'kucoin', '[a-f0-9]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'kucoin-access-token'],
  ['launchdarkly-key', 'LaunchDarkly', 'launchdarkly|ld_sdk|ld_api', '(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9=_-]{40}', 'launchdarkly-access-token'],
  ['lob-key', 'Lob', 'lob', '(?:live|test)_[a-f0-9]{35}', 'lob-api-key'],
  ['looker-secret', 'Looker', 'looker', '[a-z0-9]{24}', 'looker-client-secret'],
  ['mattermost-token', 'Mattermost', 'mattermost', '[a-z0-9]{26}', 'mattermost-access-token'],
  ['messagebird-key', 'MessageBird', 'messagebird|message_bird|message-bird', '[a-z0-9]{25}', 'messagebird-api-token'],
  ['nytimes-key', 'New York Times', 'nytimes|new-york-times', '[a-z0-9=_-]{32}', 'nytimes-access-token'],
  ['rapidapi-key', 'RapidAPI', 'rapidapi', '[a-z0-9_-]{50}', 'rapidapi-access-token'],
  ['sendbird-token', 'Sendbird', 'sendbird', '[a-f0-9]{40}', 'sendbird-access-token'],
  ['sumologic-key', 'Sumo Logic', 'sumo', '[a-z0-9]{64}|su[a-zA-Z0-9]{12}', 'sumologic-access-token'],
  ['trello-token', 'Trello', 'trello', '[a-zA-Z0-9]{32}|[a-f0-9]{64}', 'trello-access-token'],
  ['twitch-token', 'Twitch', 'twitch', '[a-z0-9]{30}', 'twitch-api-token'],
  ['twitter-secret', 'X (Twitter)', 'twitter', '[a-z0-9]{25,50}', 'twitter-api-secret'],
  ['freemius-key', 'Freemius', 'freemius', 'sk_[\\S]{29}', 'freemius-secret-key'],
  ['finicity-secret', 'Finicity', 'finicity', '[a-z0-9]{20}|[a-f0-9]{32}', 'finicity-client-secret'],
  ['squarespace-token', 'Squarespace', 'squarespace', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'squarespace-access-token'],
  ['privateai-key', 'Private AI', 'private[_-]?ai', '[a-z0-9]{32}', 'privateai-api-token'],
];

export const contextRules: SecretRule[] = ROWS.map(([id, service, names, value, gitleaks]) =>
  token({
    id, title: `${service} API key or token`, service, category: 'saas',
    keywords: names.split('|').map((n) => n.replace(/\[_-\]\?/g, '').toLowerCase()),
    regex: new RegExp(`(?:${names})[\\w.-]{0,20}?(?:key|token|secret|pat|api|password|pwd|auth)[\\w.-]{0,10}["']?[ \\t]{0,3}(?:=(?!=)|:=|:(?!:)|=>)[ \\t]{0,3}["'\`]?(?<secret>${value})(?![A-Za-z0-9_+/=-])`, 'i'),
    entropy: 3,
    validate: (s) => /\d/.test(s) && !/^(.)\1+$/.test(s),
    gitleaks,
  }),
);

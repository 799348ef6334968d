import type { Feed } from './feed.js';
import { feed as alpine } from './alpine.js';
import { feed as debianList } from './debian-list.js';
import { feed as debianTracker } from './debian-tracker.js';
import { feed as nodejsWg } from './nodejs-wg.js';
import { feed as osv } from './osv.js';
import { feed as rubysec } from './rubysec.js';
import { feed as rustsec } from './rustsec.js';
import { feed as epss } from './epss.js';
import { feed as kev } from './kev.js';
import { feed as nvd } from './nvd.js';
import { feed as vunnelOs } from './vunnel-os.js';
import { feed as csafVex } from './csaf-vex.js';

/**
 * Every feed format `db build` reads. Order matters where formats overlap: the first feed that
 * claims an input parses it (OSV before the advisory formats it resembles, the Node.js WG index
 * after RubySec). Adding a feed: one file exporting `feed`, one import and one entry here.
 */
export const FEEDS: Feed[] = [osv, vunnelOs, csafVex, nvd, epss, kev, alpine, debianList, nodejsWg, rubysec, debianTracker, rustsec];

/** Helpers in the feeds folder that are not feeds themselves. */
export const FEED_HELPERS = ['index', 'errors', 'feed', 'registry', 'debian-common', 'vunnel-sqlite'];

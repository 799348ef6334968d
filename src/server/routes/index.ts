import type { Route } from './route.js';
import { routes as audit } from './audit.js';
import { routes as bom } from './bom.js';
import { routes as db } from './db.js';
import { routes as events } from './events.js';
import { routes as harbor } from './harbor.js';
import { routes as health } from './health.js';
import { routes as images } from './images.js';
import { routes as packages } from './packages.js';
import { routes as rules } from './rules.js';
import { routes as scanRequests } from './scan-requests.js';
import { routes as scans } from './scans.js';
import { routes as tokens } from './tokens.js';
import { routes as vulnerabilities } from './vulnerabilities.js';

/** Every route module, by file name (a test checks each file in routes/ is here). */
export const ROUTE_MODULES: Record<string, Route[]> = { audit, bom, db, events, harbor, health, images, packages, rules, 'scan-requests': scanRequests, scans, tokens, vulnerabilities };

export const ALL_ROUTES: Route[] = Object.values(ROUTE_MODULES).flat();
export type { Route, RouteContext } from './route.js';

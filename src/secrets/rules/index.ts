import type { SecretRule } from '../types.js';
import { cloudRules } from './cloud.js';
import { contextRules } from './context.js';
import { databaseRules } from './databases.js';
import { genericRules } from './generic.js';
import { keyRules } from './keys.js';
import { manifestRules } from './manifests.js';
import { moreRules } from './more.js';
import { saasRules } from './saas.js';
import { vcsCiRules } from './vcs-ci.js';

/** Every built-in rule. Order matters only as a tie-break between overlapping specific matches. */
export const builtinRules: SecretRule[] = [...keyRules, ...cloudRules, ...vcsCiRules, ...saasRules, ...moreRules, ...manifestRules, ...contextRules, ...databaseRules, ...genericRules];

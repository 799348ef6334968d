// List of the image-config pack's rules: one file per rule in rules/.
import type { Rule } from '../types.js';
import type { ImageCtx } from './context.js';
import r0 from './rules/no-healthcheck.js';
import r1 from './rules/remote-add.js';
import r2 from './rules/root-user.js';
import r3 from './rules/secret-env.js';
import r4 from './rules/secret-history.js';
import r5 from './rules/secret-label.js';
import r6 from './rules/ssh-exposed.js';

export const imageRules: Rule<ImageCtx>[] = [ r0, r1, r2, r3, r4, r5, r6, ].sort((a, b) => a.id.localeCompare(b.id));

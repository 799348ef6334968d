// List of the compose pack's rules: one file per rule in rules/.
import type { Rule } from '../types.js';
import type { ComposeCtx } from './context.js';
import r0 from './rules/cap-add.js';
import r1 from './rules/docker-socket.js';
import r2 from './rules/host-namespaces.js';
import r3 from './rules/host-root-mount.js';
import r4 from './rules/image-tag.js';
import r5 from './rules/no-new-privileges.js';
import r6 from './rules/no-user.js';
import r7 from './rules/ports-all-interfaces.js';
import r8 from './rules/privileged.js';
import r9 from './rules/read-only.js';
import r10 from './rules/secret-env.js';
import r11 from './rules/security-opt.js';

export const composeRules: Rule<ComposeCtx>[] = [ r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, ].sort((a, b) => a.id.localeCompare(b.id));

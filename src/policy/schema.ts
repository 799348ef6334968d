import { z } from 'zod';
import { SEVERITIES } from '../core/index.js';

const needed = (what: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `must be ${what}`),
});

const text = (what = 'a string') => z.string(needed(what)).trim().min(1, 'must not be empty');
const severity = z.enum(SEVERITIES, { error: () => `must be one of ${SEVERITIES.join(', ')}` });
/** `[HIGH, CRITICAL]` or `"HIGH,CRITICAL"`, case-insensitive. */
const severityList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.preprocess((s) => (typeof s === 'string' ? s.toUpperCase() : s), severity)).min(1, 'must name at least one severity'),
);
const stringList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text(), needed('a list of strings')));

/** A date (2026-12-31, valid through that day, UTC) or a date-time with zone. */
export const expiryDate = z
  .string(needed('a date such as 2026-12-31'))
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) ? !Number.isNaN(Date.parse(s)) : /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be a date such as 2026-12-31',
  });

export const ignoreEntry = z
  .strictObject({
    id: text().optional(),
    paths: stringList.optional(),
    purls: stringList.optional(),
    rules: stringList.optional(),
    reason: text('a sentence saying why'),
    expires: expiryDate.optional(),
  })
  .refine((e) => e.id !== undefined || (e.rules?.length ?? 0) > 0, { message: 'needs an "id" (or a "rules" list)' });

export const celPolicy = z.strictObject({
  id: text().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be letters, digits, ".", "_", ":" or "-"'),
  title: text().optional(),
  on: z.enum(['finding', 'kubernetes', 'image'], { error: () => 'must be one of finding, kubernetes, image' }).default('finding'),
  deny: text('a CEL expression'),
  message: text(),
  severity: z.preprocess((s) => (typeof s === 'string' ? s.toUpperCase() : s), severity).default('HIGH'),
  fix: text().optional(),
});

export const baseImagePolicy = z.strictObject({
  'trusted-registries': stringList.optional(),
  'require-digest': z.boolean(needed('true or false')).optional(),
  'max-age-days': z.number(needed('a number of days')).int('must be a whole number of days').positive('must be positive').optional(),
  'deny-eol': z.boolean(needed('true or false')).optional(),
  /** Images pulled from these registries must carry a cosign signature valid under one of the keys. */
  'require-signature': z.array(z.strictObject({ registry: text(), keys: stringList }), needed('a list of {registry, keys}')).optional(),
});

export const output = z.strictObject({ format: text(), output: text().optional() });

/** `.coastguard.yaml`: the keys are the command-line flags' names; flags override the file. */
export const policyFile = z.strictObject({
  version: z.literal(1, { error: () => 'must be 1' }).optional(),
  scanners: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
    z.array(z.enum(['vuln', 'secret', 'misconfig', 'license'], { error: () => 'must be vuln, secret, misconfig or license' })),
  ).optional(),
  severity: severityList.optional(),
  'exit-code': z.number(needed('a number')).int('must be a whole number').min(0, 'must be 0–255').max(255, 'must be 0–255').optional(),
  'ignore-unfixed': z.boolean(needed('true or false')).optional(),
  'min-epss': z.number(needed('a number from 0 to 1')).min(0, 'must be 0–1').max(1, 'must be 0–1').optional(),
  kev: z.boolean(needed('true or false')).optional(),
  'skip-dirs': stringList.optional(),
  'skip-files': stringList.optional(),
  db: text().optional(),
  'cache-dir': text().optional(),
  vex: stringList.optional(),
  outputs: z.array(output, needed('a list of {format, output}')).optional(),
  ignore: z.array(ignoreEntry, needed('a list of entries')).optional(),
  policies: z.array(celPolicy, needed('a list of policies')).optional(),
  'base-image': baseImagePolicy.optional(),
}, { error: (i) => (i.code === 'invalid_type' ? 'the file must be a mapping of settings (key: value)' : undefined) });

export type PolicyFile = z.infer<typeof policyFile>;
export type IgnoreEntry = z.infer<typeof ignoreEntry>;
export type CelPolicySpec = z.infer<typeof celPolicy>;
export type BaseImagePolicy = z.infer<typeof baseImagePolicy>;

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Just enough PKCS#12 (RFC 7292) to answer one question: does this keystore open with a given
 * password? Google issues service-account keys as .p12 files protected by the fixed password
 * "notasecret", so such a file is a usable private key to anyone who finds it. Node's crypto has
 * no PKCS#12 reader (and no PKCS#12 key derivation), and the npm PKCS#12 libraries (node-forge)
 * parse and decrypt the whole bag; here only the MAC is checked: a short DER walk, the RFC 7292
 * appendix B key derivation, one HMAC. Garbage, truncated files and absurd iteration counts are
 * rejected without throwing.
 */

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function tlv(buf: Buffer, off: number, limit = buf.length): Tlv | undefined {
  if (off + 2 > limit) return undefined;
  const tag = buf[off];
  let len = buf[off + 1];
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) return undefined; // indefinite or absurd length
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len };
}

function children(buf: Buffer, t: Tlv): Tlv[] | undefined {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end; ) {
    const c = tlv(buf, p, t.end);
    if (!c) return undefined;
    out.push(c);
    p = c.end;
  }
  return out;
}

const HASHES: Record<string, { name: string; block: number }> = {
  '2b0e03021a': { name: 'sha1', block: 64 },
  '608648016503040201': { name: 'sha256', block: 64 },
  '608648016503040202': { name: 'sha384', block: 128 },
  '608648016503040203': { name: 'sha512', block: 128 },
};

/** Above this, a file is refused rather than costing the scanner seconds (openssl's default is 2048). */
export const MAX_MAC_ITERATIONS = 200_000;

/** RFC 7292 appendix B.2, ID = 3 (MAC key). */
function pkcs12Kdf(hash: string, block: number, password: Buffer, salt: Buffer, iterations: number, n: number): Buffer {
  const fill = (src: Buffer, len: number) => {
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length];
    return out;
  };
  const D = Buffer.alloc(block, 3);
  const S = salt.length ? fill(salt, block * Math.ceil(salt.length / block)) : Buffer.alloc(0);
  const P = password.length ? fill(password, block * Math.ceil(password.length / block)) : Buffer.alloc(0);
  const I = Buffer.concat([S, P]);
  const out: Buffer[] = [];
  let have = 0;
  while (have < n) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    out.push(A);
    have += A.length;
    if (have >= n) break;
    const B = fill(A, block);
    for (let j = 0; j < I.length; j += block) {
      let carry = 1;
      for (let k = block - 1; k >= 0; k--) {
        const x = I[j + k] + B[k] + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

/** Whether `buf` is a PKCS#12 file whose MAC verifies with `password`. */
export function pkcs12OpensWith(buf: Buffer, password: string): boolean {
  try {
    const pfx = tlv(buf, 0);
    if (!pfx || pfx.tag !== 0x30) return false;
    const [version, authSafe, macData] = children(buf, pfx) ?? [];
    if (!version || version.tag !== 0x02 || !authSafe || authSafe.tag !== 0x30 || !macData || macData.tag !== 0x30) return false;
    // authSafe ContentInfo: { OID data, [0] { OCTET STRING content } }
    const [, explicit] = children(buf, authSafe) ?? [];
    if (!explicit || explicit.tag !== 0xa0) return false;
    const [octets] = children(buf, explicit) ?? [];
    if (!octets || octets.tag !== 0x04) return false;
    const content = buf.subarray(octets.start, octets.end);
    // MacData: { DigestInfo { AlgorithmIdentifier { OID, NULL? }, OCTET STRING digest }, OCTET STRING salt, INTEGER iterations }
    const [digestInfo, salt, iter] = children(buf, macData) ?? [];
    if (!digestInfo || !salt || salt.tag !== 0x04) return false;
    const [alg, digest] = children(buf, digestInfo) ?? [];
    if (!alg || !digest || digest.tag !== 0x04) return false;
    const [oid] = children(buf, alg) ?? [];
    if (!oid || oid.tag !== 0x06) return false;
    const h = HASHES[buf.subarray(oid.start, oid.end).toString('hex')];
    if (!h) return false;
    let iterations = 1;
    if (iter) {
      if (iter.tag !== 0x02 || iter.end - iter.start > 4) return false;
      iterations = 0;
      for (let i = iter.start; i < iter.end; i++) iterations = iterations * 256 + buf[i];
    }
    if (iterations < 1 || iterations > MAX_MAC_ITERATIONS) return false;
    // The password as a BMPString with its two-byte terminator (RFC 7292 appendix B.1).
    const pw = Buffer.alloc((password.length + 1) * 2);
    for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
    const want = buf.subarray(digest.start, digest.end);
    const key = pkcs12Kdf(h.name, h.block, pw, buf.subarray(salt.start, salt.end), iterations, want.length);
    const mac = createHmac(h.name, key).update(content).digest();
    return mac.length === want.length && timingSafeEqual(mac, want);
  } catch {
    return false;
  }
}

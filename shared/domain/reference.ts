/**
 * A nomination's reference as people read it out on a call: the first 40 bits of its id in
 * Crockford's base 32 (no I, L, O or U to mistake), in two groups of four, "7F3K-9Q2M". Not a
 * key: ids stay UUIDs, and among the few thousand nominations a program gets two references
 * alike are a one-in-a-hundred-million chance, which staff resolve by the full id.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const referenceOf = (id: string): string => {
  let bits = BigInt(`0x${id.replace(/-/g, '').slice(0, 10)}`);
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    out = alphabet[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
};

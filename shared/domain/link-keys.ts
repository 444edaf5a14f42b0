import * as z from './zod.ts';

/**
 * The public half of a link signing key, as a JWK (RFC 7517): an ES256 key (P-256) and its `kid`,
 * which every link names in its header. Strict, so a private key (`d`) pasted where the public
 * keys go is refused rather than handed to every function that checks links.
 */
export const publicLinkKeySchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[\w-]{43}$/, 'x must be a base64url P-256 coordinate')),
  y: z.string().check(z.regex(/^[\w-]{43}$/, 'y must be a base64url P-256 coordinate')),
  kid: z.string().check(z.regex(/^[\w-]{1,64}$/, 'kid must be 1–64 letters, digits, - or _')),
  alg: z.optional(z.literal('ES256')),
  use: z.optional(z.literal('sig')),
});

export type PublicLinkKey = z.infer<typeof publicLinkKeySchema>;

/**
 * Every key a link may be signed with: the signing key's public half and each rotated-out key
 * whose links have not all expired. Two keys under one `kid` would make a link ambiguous.
 */
export const publicLinkKeysSchema = z.array(publicLinkKeySchema).check(
  z.minLength(1, 'name at least one public key'),
  z.refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'each kid must be unique'),
);

/** The public keys from their JSON text (an array of JWKs), or an error that says what is wrong. */
export const parsePublicLinkKeys = (text: string): PublicLinkKey[] => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The link public keys are not JSON: expected an array of public JWKs');
  }
  const parsed = publicLinkKeysSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'keys'}: ${i.message}`);
    throw new Error(`The link public keys are not right: ${problems.join('; ')}`);
  }
  return parsed.data;
};

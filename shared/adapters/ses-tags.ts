/**
 * The message tag SES echoes in every event of the email (`mail.tags`): the outbox reference, in
 * base64url, since a tag value may hold only letters, digits, `_` and `-` (up to 256 of them; a
 * reference is well under 190 characters).
 */
export const outboxRefTag = 'outbox-ref';
export const encodeRefTag = (ref: string) => Buffer.from(ref, 'utf8').toString('base64url');
export const decodeRefTag = (value: string) => Buffer.from(value, 'base64url').toString('utf8');

/**
 * Nomination ids are UUIDs; anything else cannot name one (and may be too long for a key). On
 * its own so the form page can check an id without loading the nomination schema.
 */
export const isNominationId = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

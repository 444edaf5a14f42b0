import type { Nomination } from '../domain/nomination.ts';

/** What is stored of one nomination where an address is the candidate's or the nominator's. */
export interface PersonalRecord {
  roles: ('candidate' | 'nominator')[];
  nomination: Nomination;
  history: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  /** The outbox items as stored: bodies and attachments while unsent, the record after. */
  emails: Record<string, unknown>[];
}

/**
 * A nomination an address was in until a correction replaced it: the address stays quoted in its
 * history and in the records of the emails sent to it. Only those items, with the people the
 * nomination names now withheld: they are someone else's data.
 */
export interface FormerRecord {
  nominationId: string;
  programId: string;
  history: Record<string, unknown>[];
  emails: Record<string, unknown>[];
}

/** That an export or erasure happened, by whom and how much: never for whom. */
export interface PrivacyAudit {
  action: 'export-personal-data' | 'erase-personal-data';
  at: string;
  actor: string;
  actorId: string;
  nominations: number;
  items?: number;
  /** Nominations where a former address (and the name replaced with it) was erased from what quotes it. */
  formerly?: number;
}

export interface PersonalDataStore {
  /** Every nomination the address is in, found through its address items. */
  find(email: string): Promise<PersonalRecord[]>;
  /** Every nomination the address was in before a correction replaced it, found through its former-address items. */
  findFormer(email: string): Promise<FormerRecord[]>;
  /**
   * Deletes every item of these nominations and, where the address is a former one, erases it
   * (and the name replaced with it) from every item that quotes it; records the erasure and says
   * how many items went.
   */
  erase(
    email: string,
    found: { records: PersonalRecord[]; former: FormerRecord[] },
    audit: PrivacyAudit,
  ): Promise<number>;
  /** Records an export. */
  record(audit: PrivacyAudit): Promise<void>;
}

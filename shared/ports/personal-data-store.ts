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

/** That an export or erasure happened, by whom and how much: never for whom. */
export interface PrivacyAudit {
  action: 'export-personal-data' | 'erase-personal-data';
  at: string;
  actor: string;
  actorId: string;
  nominations: number;
  items?: number;
}

export interface PersonalDataStore {
  /** Every nomination the address is in, found through its address items. */
  find(email: string): Promise<PersonalRecord[]>;
  /** Deletes every item of these nominations and records the erasure; says how many items went. */
  erase(records: PersonalRecord[], audit: PrivacyAudit): Promise<number>;
  /** Records an export. */
  record(audit: PrivacyAudit): Promise<void>;
}

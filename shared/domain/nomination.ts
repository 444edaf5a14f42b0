import { countryCodes } from './countries.ts';
import {
  type BodyOf,
  type ChecklistField,
  type ChoiceField,
  type FieldSpec,
  forProgram,
  type SectionSpec,
  type TextField,
  textMessages,
} from './field-kinds.ts';
import type { UndeliverableAddress } from './mail-delivery.ts';
import { bodyOrder, type NominationFields, nominationFields } from './nomination-fields.ts';
import type { Decision, NominationStatus } from './nomination-states.ts';
import type { Program } from './program.ts';
import type { ConflictDeclaration } from './reviews.ts';
import { isIanaTimeZone } from './time-zones.ts';
import { type StipendAward, staffNote } from './transition-command.ts';
import * as z from './zod.ts';

/** Names and addresses end up in email headers: no control characters, no line breaks. */
const oneLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
/** Long texts may keep their paragraphs, nothing else invisible. */
const paragraphs = /^(?:[^\p{Cc}\p{Zl}\p{Zp}]|[\t\n\r])*$/u;

const trimmed = (field: TextField) => {
  const say = textMessages(field);
  return z
    .string({ error: field.required })
    .check(
      z.trim(),
      z.minLength(field.minLength, { error: field.minLength === 1 ? field.required : say.tooShort }),
      z.maxLength(field.maxLength, { error: say.tooLong }),
    );
};

const text = (field: TextField) => {
  const say = textMessages(field);
  if (field.kind === 'email') return z.pipe(trimmed(field), z.email({ error: say.badEmail }));
  return trimmed(field).check(
    field.kind === 'text'
      ? z.regex(oneLine, { error: say.notOneLine })
      : z.regex(paragraphs, { error: say.controlCharacters }),
  );
};

const slugsOf = (field: ChoiceField | ChecklistField, program: Program) =>
  forProgram(field.options, program).map((o) => o.value) as [string, ...string[]];

const fieldSchema = (field: FieldSpec, program: Program): z.ZodMiniType => {
  const error = field.required;
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'email':
      return text(field);
    case 'number': {
      const threshold = field.moreThan(program);
      return z.int({ error }).check(
        z.positive({ error }),
        z.maximum(field.max, { error }),
        z.refine((n) => n > threshold, { error: field.tooFew(program) }),
      );
    }
    case 'country':
      return z
        .string({ error })
        .check(z.refine((code) => countryCodes.has(code), { error: field.notListed }));
    case 'timezone':
      return z.string({ error }).check(z.refine(isIanaTimeZone, { error: field.notListed }));
    case 'radios':
      return z.enum(slugsOf(field, program), { error });
    case 'yes-no':
      return z.boolean({ error });
    case 'checkboxes': {
      const slugs = slugsOf(field, program);
      return z.array(z.enum(slugs, { error: field.notListed }), { error }).check(
        z.minLength(1, { error }),
        z.maxLength(slugs.length),
        z.refine((list) => new Set(list).size === list.length, { error: field.repeated }),
      );
    }
    case 'commitment':
      return z.literal(true, { error });
  }
};

const sectionSchema = (section: SectionSpec, program: Program) =>
  'field' in section
    ? fieldSchema(section.field, program)
    : z.strictObject(
        Object.fromEntries(Object.entries(section.fields).map(([k, f]) => [k, fieldSchema(f, program)])),
        { error: section.missing },
      );

export type NominationInput = BodyOf<NominationFields>;

/**
 * The correction of a nomination's people (`PATCH /nominations/{id}`): the candidate's and the
 * nominator's name and email, each checked by the very rules the submission uses.
 */
export const correctionSchema = (program: Program) => {
  const person = (section: 'candidate' | 'nominator') => {
    const { fields } = nominationFields[section];
    return z.optional(
      z.strictObject({
        name: z.optional(fieldSchema(fields.name, program) as z.ZodMiniType<string>),
        email: z.optional(fieldSchema(fields.email, program) as z.ZodMiniType<string>),
      }),
    );
  };
  return z.strictObject({
    candidate: person('candidate'),
    nominator: person('nominator'),
    expectedVersion: z.int({ error: 'expectedVersion is the version you corrected' }).check(z.positive()),
    note: staffNote,
  });
};

export type Correction = z.infer<ReturnType<typeof correctionSchema>>;

/**
 * The submission body. Built per program because themes, project types and eligibility are the
 * program's. Made by walking the fields, so its type is the one BodyOf reads off the same fields.
 */
const buildNominationSchema = (program: Program) =>
  z.strictObject(
    Object.fromEntries(bodyOrder().map((key) => [key, sectionSchema(nominationFields[key], program)])),
  ) as unknown as z.ZodMiniType<NominationInput>;

const schemas = new WeakMap<Program, ReturnType<typeof buildNominationSchema>>();

/** The schema for a program, built once per program object rather than on every submission. */
export const nominationInputSchema = (program: Program) => {
  let schema = schemas.get(program);
  if (!schema) {
    schema = buildNominationSchema(program);
    schemas.set(program, schema);
  }
  return schema;
};

/** Overrides of the country's region and of its Global South status from the data file. */
export interface Classification {
  /** A UN M49 sub-region code; its region follows. */
  subRegion?: string;
  globalSouth?: boolean;
}

export interface StipendDecision {
  award: StipendAward;
  note?: string;
  at: string;
  /** Who decided, as the audit trail names them. */
  by: string;
}

export interface Nomination extends NominationInput {
  id: string;
  programId: string;
  status: NominationStatus;
  decision?: Decision;
  version: number;
  submittedAt: string;
  updatedAt: string;
  reviewCount: number;
  /** Reviews that gave a score, and the sum of those scores: a review may come without one. */
  scoreCount?: number;
  scoreTotal: number;
  /** The `sub` of each reviewer who has reviewed it, once each: "reviewed by me" without a query. */
  reviewedBy?: string[];
  /** Conflicts of interest declared on it; the declarers may not review it. */
  conflicts?: ConflictDeclaration[];
  /** While unconfirmed: when it is dropped if its nominator has not confirmed it. */
  confirmBy?: string;
  /** Confirmed, or its candidate's address corrected, while another nomination held it: that one's id. */
  duplicateOf?: string;
  /** How many times its nominator's link gave the candidate a new address (`candidateAddressChanges`). */
  candidateAddressChanges?: number;
  /** When its personal data is erased (the TTL, retention.ts), once its fate is known. */
  expiresAt?: number;
  /** On the reserve list: its place in line, 1 first (unique in the program). */
  reserveRank?: number;
  /** Organizers' corrections of what the library's country implies (docs/cohort.md), audited. */
  classification?: Classification;
  /** A participant's travel stipend as organizers decided it. */
  stipend?: StipendDecision;
  /** The participant has been told of their awarded stipend: in the decision email or its own. */
  stipendTold?: boolean;
  /** The participant's certificate, once issued: when, and the name it bears (reissued after a correction). */
  certificate?: { issuedAt: string; name: string; reissuedAt?: string };
  /** The participant's calendar feed generation: each new feed address revokes those before (participant-links.ts). */
  calendarFeed?: number;
  /** The participant's page link generation: each new link revokes those mailed before (participant-links.ts). */
  participantLinks?: number;
  /** New page links asked for on one UTC day (`YYYY-MM-DD`), to cap them (`linkRenewalsPerDay`). */
  linkRenewals?: { day: string; count: number };
  /** Addresses that bounced for good, as the mail service reported them (see `currentUndeliverable`). */
  undeliverable?: UndeliverableAddress[];
}

/**
 * A nomination as it is first stored: version 1, no reviews yet; awaiting its nominator's
 * confirmation when given `confirmBy`, else (as in tests and fixtures) already submitted.
 */
export const newNomination = (
  input: NominationInput,
  ids: { id: string; programId: string; at: string; confirmBy?: string },
): Nomination => ({
  ...input,
  id: ids.id,
  programId: ids.programId,
  status: ids.confirmBy ? 'unconfirmed' : 'submitted',
  ...(ids.confirmBy ? { confirmBy: ids.confirmBy } : {}),
  version: 1,
  submittedAt: ids.at,
  updatedAt: ids.at,
  reviewCount: 0,
  scoreCount: 0,
  scoreTotal: 0,
});

export const candidateKey = (email: string) => email.trim().toLowerCase();

/**
 * Whether it holds the guard on its candidate's address: a confirmed nomination that is not
 * itself a duplicate. Only such a one moves the guard when its candidate's address changes.
 */
export const holdsCandidateGuard = (n: Nomination) => n.status !== 'unconfirmed' && !n.duplicateOf;

import { type Actor, actorName } from '../domain/actor.ts';
import { attendanceRecord } from '../domain/attendance.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { isParticipant } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import { eventStart } from '../domain/schedule-plan.ts';
import * as z from '../domain/zod.ts';
import { certificateEmail } from '../email/timeline-templates.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { certificateOf } from './issue-certificates.ts';
import { type ParticipantPages, participantOf } from './participant-links.ts';
import { checkExpectedVersion, recordChange, requireNomination } from './record-change.ts';

export interface CertificateOnDemandDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  fontDir: string;
  links: LinkSigner;
  pages?: ParticipantPages;
}

const certificateDay = (program: Program) => program.timeline.find((e) => e.kind === 'certificates');

const issueSchema = z.strictObject({
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  expectedVersion: z.optional(z.int().check(z.positive())),
});

/**
 * An organizer issues a participant's certificate now, by email, as it stands:
 * - again, after the participant's name was corrected (the certificate bears the name as it is);
 * - or for the first time, once the register was corrected to meet the rule.
 * Organizers only (403); a told participant (409); on or after certificate day (409); a first one
 * only if the register meets the rule (409 naming the count). One write: the nomination notes the
 * certificate (the name it bears, when) with an audit entry, and the email with the PDF.
 */
export const issueCertificateNow = async (
  deps: CertificateOnDemandDeps,
  nominationId: string,
  actor: Actor,
  body: unknown,
) => {
  authorize(actor, 'reissue-certificate', 'any-program');
  const parsed = parseOrRefuse(issueSchema, body ?? {}, 'The request is not valid');
  const before = await requireNomination(deps.nominations, nominationId);
  authorize(actor, 'reissue-certificate', { programId: before.programId });
  checkExpectedVersion(before, parsed.expectedVersion);
  if (!isParticipant(before)) throw new ConflictError('Only a participant of the program gets a certificate');
  const { program } = await deps.programs.require(before.programId);
  const now = deps.clock.now();
  const day = certificateDay(program);
  if (day && eventStart(program, day).getTime() > now.getTime()) {
    throw new ConflictError(
      'The certificates are issued on certificate day; until then there is none to issue',
    );
  }
  if (!before.certificate) {
    const registers = new Map((await deps.programs.attendance(program.id)).map((r) => [r.eventId, r]));
    const record = attendanceRecord(program, registers, before.id, now.getTime());
    if (!record.meetsRule) {
      throw new ConflictError(
        `The register shows ${before.candidate.name} present at ${record.attended} of the ${record.required} meetings the certificate needs; correct the register first`,
      );
    }
  }
  const pdf = await certificateOf(deps, program, before);
  const version = before.version + 1;
  const at = now.toISOString();
  return recordChange(deps, before, actor, {
    action: 'reissue-certificate',
    fields: {
      certificate: {
        issuedAt: before.certificate?.issuedAt ?? at,
        name: before.candidate.name,
        ...(before.certificate ? { reissuedAt: at } : {}),
      },
    },
    audit: {
      note:
        parsed.note ??
        (before.certificate
          ? `Issued again to ${before.candidate.name} (was ${before.certificate.name}) by ${actorName(actor)}`
          : `Issued to ${before.candidate.name} after the register was corrected`),
    },
    emails: [
      {
        key: `certificate-v${version}`,
        kind: 'certificate',
        ...certificateEmail(program, before, pdf, await deps.pages?.page(program, before)),
      },
    ],
  });
};

/** A participant downloads their certificate from their page, once it has been issued (404 before). */
export const certificateFromPage = async (deps: CertificateOnDemandDeps, token: string) => {
  const {
    nomination: n,
    stored: { program },
  } = await participantOf(deps, token);
  if (!n.certificate || !isParticipant(n))
    throw new NotFoundError('No certificate has been issued to you yet');
  return { pdf: await certificateOf(deps, program, n), filename: `certificate-${program.id}.pdf` };
};

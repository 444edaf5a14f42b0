/**
 * The ports the use cases need, one a file in shared/ports/. Adapters in shared/adapters implement
 * them. This file gathers them, so `#shared/ports` names any of them.
 */
export * from './ports/clock.ts';
export * from './ports/complaint-registry.ts';
export * from './ports/delivery-log.ts';
export * from './ports/email-queue.ts';
export * from './ports/email-sender.ts';
export * from './ports/evaluation-store.ts';
export * from './ports/link-signer.ts';
export * from './ports/nomination-store.ts';
export * from './ports/outbox.ts';
export * from './ports/personal-data-store.ts';
export * from './ports/program-repository.ts';
export * from './ports/schedule-registry.ts';
export * from './ports/send-rate.ts';

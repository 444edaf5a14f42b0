import { metlib2024 } from '#events/programs/metlib-2024';
import type { Nomination } from '#shared/domain/nomination';
import { participantPath } from '#shared/domain/participant-links';
import type { World } from '../../support/in-memory/world.ts';

/** The participant's link token, as their emails carry it. */
export const tokenOf = async (world: World, n: Nomination) => {
  const url = await world.pages.page(metlib2024, n);
  return url.slice(url.indexOf(participantPath('')) + participantPath('').length);
};

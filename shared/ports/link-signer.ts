import type { LinkPurpose, NominatorLink } from '../domain/nominator-links.ts';

/** Signs and reads the nominator's private links. */
export interface LinkSigner {
  sign(link: NominatorLink): Promise<string>;
  /** InvalidLinkError for a link we did not sign or for another purpose; ExpiredLinkError past its time. */
  verify(token: string, purpose: LinkPurpose): Promise<NominatorLink>;
}

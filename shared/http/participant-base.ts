import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { participantPath } from '../domain/participant-links.ts';

/**
 * The path of the participant link a request came in by, its token encoded again: where the
 * pages behind the link point their buttons and links (the page, leaving, a new link).
 */
export const participantBase = (event: APIGatewayProxyEventV2) =>
  participantPath(encodeURIComponent(event.pathParameters?.token ?? ''));

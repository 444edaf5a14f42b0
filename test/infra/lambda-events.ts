// The events the bundles test hands the bundled functions, shaped as AWS hands them.

/** An HTTP API (payload 2.0) event as API Gateway hands it to a function, with a staff member's claims if `groups`. */
export const http = (
  method: string,
  routeKey: string,
  path: string,
  options: { body?: unknown; pathParameters?: Record<string, string>; groups?: string } = {},
) => ({
  version: '2.0',
  routeKey,
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
  requestContext: {
    http: { method, path, sourceIp: '192.0.2.1' },
    domainName: 'nominations.example.org',
    routeKey,
    ...(options.groups
      ? {
          authorizer: {
            jwt: {
              claims: { sub: 'o1', email: 'organizer@example.org', 'cognito:groups': options.groups },
              scopes: null,
            },
          },
        }
      : {}),
  },
  ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  isBase64Encoded: false,
});

/** A DynamoDB stream record of an inserted item, as the mailer's trigger hands it over. */
export const streamEvent = (key: { pk: string; sk: string }) => ({
  Records: [
    {
      eventName: 'INSERT',
      dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } }, SequenceNumber: '1' },
    },
  ],
});

/**
 * The one table's key design, shared by the DynamoDB adapter, the local stack's table creation
 * and the CDK stack so none of them can disagree.
 *
 * | item         | pk                                   | sk                 | gsi1pk          | gsi1sk                       |
 * |--------------|--------------------------------------|--------------------|-----------------|------------------------------|
 * | nomination   | NOMINATION#<id>                      | NOMINATION         | PROGRAM#<prog>  | <status>#<submittedAt>#<id>  |
 * | audit entry  | NOMINATION#<id>                      | AUDIT#<version>    |                 |                              |
 * | outbox email | NOMINATION#<id>                      | EMAIL#<key>        |                 |                              |
 * | guard        | PROGRAM#<prog>#CANDIDATE#<email>     | GUARD              |                 |                              |
 * | places       | PROGRAM#<prog>                       | PLACES             |                 |                              |
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  /** The outbox email items are what the mailer's stream trigger selects. */
  emailItemType: 'email',
  ttlAttribute: 'expiresAt',
} as const;

export const keys = {
  nomination: (id: string) => ({ pk: `NOMINATION#${id}`, sk: 'NOMINATION' }),
  audit: (id: string, version: number) => ({
    pk: `NOMINATION#${id}`,
    sk: `AUDIT#${String(version).padStart(6, '0')}`,
  }),
  email: (id: string, key: string) => ({ pk: `NOMINATION#${id}`, sk: `EMAIL#${key}` }),
  guard: (programId: string, candidateEmail: string) => ({
    pk: `PROGRAM#${programId}#CANDIDATE#${candidateEmail}`,
    sk: 'GUARD',
  }),
  places: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'PLACES' }),
  byProgram: (programId: string) => `PROGRAM#${programId}`,
  byStatus: (status: string, submittedAt: string, id: string) => `${status}#${submittedAt}#${id}`,
};

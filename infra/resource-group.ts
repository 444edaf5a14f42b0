import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A construct that groups a stack's resources for the reader and stays out of their logical IDs.
 * The services stack created its resources at its top level before it was split into groups;
 * keeping their logical IDs (and the names derived from them, such as policy names) lets a
 * deployed stack update in place rather than replace its queues, log groups and named schedule
 * groups (a replacement of a named resource fails, the name being taken).
 */
export class ResourceGroup extends Construct {}

/** A stack whose logical IDs skip the ResourceGroups on a resource's path. */
export class GroupedStack extends Stack {
  protected override allocateLogicalId(element: CfnElement): string {
    // The default scheme hashes the ids on the path from the stack down: give it the path without the groups.
    const scopes = element.node.scopes.filter((scope) => !(scope instanceof ResourceGroup));
    return super.allocateLogicalId({ node: { scopes }, stack: element.stack } as unknown as CfnElement);
  }
}

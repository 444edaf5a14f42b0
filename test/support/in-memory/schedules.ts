import type { ScheduleDefinition, ScheduleRegistry } from '#shared/ports';

/**
 * EventBridge Scheduler as groups of named schedules, keeping what EventBridgeScheduleRegistry
 * relies on: ensureGroup is idempotent; names of an unknown group are none; get answers undefined
 * for what does not exist; create refuses a name that exists and update one that does not (the
 * service's ConflictException and ResourceNotFoundException), both in a group that exists;
 * delete of what is gone is fine. `failWith` makes every call fail, as an unreachable service.
 */
export class InMemoryScheduleRegistry implements ScheduleRegistry {
  private readonly groups = new Map<string, Map<string, ScheduleDefinition>>();
  /** "create group/name", "update …", "delete …", in order: what a sync changed. */
  readonly writes: string[] = [];
  private failure: Error | undefined;

  /** Every later call throws `error` (until called with undefined). */
  failWith(error: Error | undefined) {
    this.failure = error;
  }

  /** The schedules of a group, by name; copies. */
  schedules(group: string): Map<string, ScheduleDefinition> {
    return structuredClone(this.groups.get(group) ?? new Map());
  }

  async ensureGroup(group: string) {
    this.check();
    if (!this.groups.has(group)) this.groups.set(group, new Map());
  }

  async names(group: string) {
    this.check();
    return [...(this.groups.get(group)?.keys() ?? [])];
  }

  async get(group: string, name: string) {
    this.check();
    const schedule = this.groups.get(group)?.get(name);
    return schedule && structuredClone(schedule);
  }

  async create(definition: ScheduleDefinition) {
    const group = this.group(definition.group);
    if (group.has(definition.name)) throw new Error(`Schedule ${definition.name} already exists.`);
    this.put(group, definition, 'create');
  }

  async update(definition: ScheduleDefinition) {
    const group = this.group(definition.group);
    if (!group.has(definition.name)) throw new Error(`Schedule ${definition.name} does not exist.`);
    this.put(group, definition, 'update');
  }

  async delete(group: string, name: string) {
    this.check();
    if (this.groups.get(group)?.delete(name)) this.writes.push(`delete ${group}/${name}`);
  }

  private put(group: Map<string, ScheduleDefinition>, definition: ScheduleDefinition, verb: string) {
    group.set(definition.name, structuredClone(definition));
    this.writes.push(`${verb} ${definition.group}/${definition.name}`);
  }

  private group(name: string) {
    this.check();
    const group = this.groups.get(name);
    if (!group) throw new Error(`Schedule group ${name} does not exist.`);
    return group;
  }

  private check() {
    if (this.failure) throw this.failure;
  }
}

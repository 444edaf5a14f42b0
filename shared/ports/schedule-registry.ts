/** A one-time schedule as the sync compares it: everything that decides what fires, when, and where. */
export interface ScheduleDefinition {
  group: string;
  name: string;
  /** "at(2024-04-02T09:00:00)" */
  expression: string;
  timeZone: string;
  /** The JSON the target receives. */
  input: string;
  target: ScheduleTarget;
}

export interface ScheduleTarget {
  functionArn: string;
  roleArn: string;
  deadLetterArn: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

/** EventBridge Scheduler, as much of it as the sync needs. */
export interface ScheduleRegistry {
  ensureGroup(group: string): Promise<void>;
  names(group: string): Promise<string[]>;
  get(group: string, name: string): Promise<ScheduleDefinition | undefined>;
  create(definition: ScheduleDefinition): Promise<void>;
  update(definition: ScheduleDefinition): Promise<void>;
  delete(group: string, name: string): Promise<void>;
}

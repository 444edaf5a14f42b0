import { describe, expect, it } from 'vitest';
import { classificationCommandSchema } from '../../shared/domain/transition-command.ts';
import { issuesOf } from '../support/schema-issues.ts';

describe('a correction of a nomination’s classification', () => {
  it('gives, when the sub-region is not a code, an example of a code it accepts', () => {
    const [issue] = issuesOf(classificationCommandSchema, { subRegion: 202 });
    const example = issue?.message.match(/"(\d{3})"/)?.[1];
    expect(example).toBeDefined();
    expect(issuesOf(classificationCommandSchema, { subRegion: example })).toEqual([]);
  });
});

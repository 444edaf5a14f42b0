import { describe, expect, it } from 'vitest';
import { callAws } from '../../shared/adapters/aws-errors.ts';
import { ServiceUnavailableError } from '../../shared/domain/errors.ts';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('callAws', () => {
  it('makes a throttled call a retryable 503 naming the service', async () => {
    const error = await callAws('The table', () => Promise.reject(throttled())).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe('The table is temporarily unavailable; please try again');
  });

  it('finds the AWS error a library wrapped in its own, as Powertools does', async () => {
    const wrapped = new Error('Failed to get value for parameter', { cause: throttled() });
    const error = await callAws('The link secret', () => Promise.reject(wrapped)).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.cause).toBe(wrapped);
  });

  it('passes anything else on as it is, and a nested call’s 503 without wrapping it twice', async () => {
    const refused = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
    });
    await expect(callAws('The table', () => Promise.reject(refused))).rejects.toBe(refused);
    const inner = new ServiceUnavailableError('The table is temporarily unavailable; please try again', {
      cause: throttled(),
    });
    await expect(callAws('The outer call', () => Promise.reject(inner))).rejects.toBe(inner);
  });
});

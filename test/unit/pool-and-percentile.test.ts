import { describe, expect, it } from 'vitest';
import { pool } from '#shared/pool';
import { percentile } from '../../local/percentile.ts';

describe('the worker pool', () => {
  it('does every item once, never more than its width at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await pool([...Array(25).keys()], 4, async (item, index) => {
      expect(item).toBe(index);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, item % 3));
      done.push(item);
      running--;
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(25).keys()]);
  });

  it('rejects with a failure of its work', async () => {
    await expect(
      pool([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('two');
      }),
    ).rejects.toThrow('two');
  });
});

describe('percentiles', () => {
  const values = [...Array(100).keys()].map((i) => 100 - i); // 100 down to 1

  it('is the nearest rank of the sorted values, p100 the largest', () => {
    expect(percentile(values, 50)).toBe(51);
    expect(percentile(values, 99)).toBe(100);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7, 3, 5], 50)).toBe(5);
  });

  it('is 0 for no values', () => {
    expect(percentile([], 90)).toBe(0);
  });
});

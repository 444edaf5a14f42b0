/**
 * Runs `work` on every item, at most `width` at a time, taking the items in order as workers
 * come free; resolves when all are done, rejects with the first failure.
 */
export const pool = async <T>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<void>,
) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
};

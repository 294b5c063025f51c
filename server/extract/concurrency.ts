/**
 * Calls `task` for each item with at most `limit` calls in flight. After the
 * first rejection no new call starts. The returned promise settles only
 * when every call already started has settled, so no task outlives it, and
 * then rejects with that first error.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;

  async function work(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const item = items[next];
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const workers = Array.from({ length: Math.min(limit, items.length) }, work);
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
}

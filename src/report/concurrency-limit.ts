/**
 * At most `limit` tasks running at once; the others wait their turn in the order they were given.
 * Each call's promise settles as its task's does.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit: expected an integer ≥ 1, got ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = (): void => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = (): Promise<T> => {
      running++;
      // A task that throws instead of rejecting still frees its slot.
      return new Promise<T>((resolve) => resolve(task())).finally(next);
    };
    if (running < limit) return run();
    return new Promise<T>((resolve, reject) => waiting.push(() => run().then(resolve, reject)));
  };
}

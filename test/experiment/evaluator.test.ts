/**
 * Issue 17, "signals": with one worker, trials ran on the main thread, so Ctrl-C waited for a long trial to
 * end (minutes for a large estate). Given a signal, the Evaluator runs even one worker on a thread, which an
 * abort terminates.
 */
import { describe, expect, test } from '@jest/globals';
import { Evaluator, RunAborted } from '../../src/experiment/evaluator.js';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { scenario, vm } from '../support/scenario-builder.js';

describe('Evaluator with one worker', () => {
  test('with a signal, the trial runs off the main thread: an abort a timer sends stops it', async () => {
    const s = scenario({ vms: [vm('a'), vm('b')] });
    const controller = new AbortController();
    const evaluator = new Evaluator({ workers: 1, signal: controller.signal });
    try {
      const run = evaluator.run(s, [0]);
      // On the main thread the trial would run to its end before any timer: run() would resolve.
      setTimeout(() => controller.abort(), 0);
      await expect(run).rejects.toBeInstanceOf(RunAborted);
    } finally {
      await evaluator.close();
    }
  });

  test('on the thread, the records are the in-process ones', async () => {
    const s = scenario({ vms: [vm('a'), vm('b')] });
    const evaluator = new Evaluator({ workers: 1, signal: new AbortController().signal });
    try {
      const plan = planTrials(s);
      expect(await evaluator.run(s, [0, 1, 2])).toEqual([0, 1, 2].map((t) => runTrial(plan, t)));
    } finally {
      await evaluator.close();
    }
  });
});

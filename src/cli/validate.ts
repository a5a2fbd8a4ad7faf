/**
 * `drsim validate FILE...`: checks scenario files. Exit 0 with one summary line per file (warnings
 * on stderr); exit 2 listing every problem as FILE:LINE:COL: path: message.
 */
import type { Command } from 'commander';
import { formatProblem, loadScenario, ScenarioError, type LoadedScenario, type LoadOptions } from '../models/scenario/loader.js';
import { budgetProblem, estimateRun, runLimits } from '../experiment/budget.js';
import { defaultWorkers } from '../experiment/runner.js';
import { allowLargeOption, nonEmptyPaths } from './options.js';
import type { Scenario } from '../models/scenario/model.js';
import { UserError } from './errors.js';
import { escapeControlChars } from '../models/scenario/control-chars.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summarizeScenario(s: Scenario): string {
  return `${plural(s.sites.length, 'site')}, ${plural(s.hosts.length, 'host')}, ${plural(s.vms.length, 'VM')}, ${plural(s.strategies.length, 'strategy').replace('strategys', 'strategies')}`;
}

/**
 * Loads a scenario for a command: prints its warnings to stderr and turns its problems into a
 * UserError (exit 2) listing them. For `run` and other commands that take a scenario file.
 */
export function loadScenarioForCli(file: string, options: LoadOptions = {}, stderr: (s: string) => void = (s) => process.stderr.write(s)): LoadedScenario {
  try {
    const loaded = loadScenario(file, options);
    for (const w of loaded.warnings) stderr(`warning: ${formatProblem(w)}\n`);
    return loaded;
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.problems.map(formatProblem).join('\n'), 2);
    throw err;
  }
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scenario files: every problem with its line and column; warnings for targets no strategy can meet')
    .argument('<file...>', 'scenario YAML files', nonEmptyPaths('FILE'))
    .option('-q, --quiet', 'print nothing for valid files and no warnings')
    .addOption(allowLargeOption())
    .action((files: string[], opts: { quiet?: boolean; allowLarge?: boolean }) => {
      const errors: string[] = [];
      for (const file of files) {
        try {
          const { scenario, warnings } = loadScenario(file, { allowLarge: opts.allowLarge });
          if (!opts.quiet) {
            for (const w of warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
            // The file is valid, but `drsim run` would refuse its simulation settings as they are.
            const budget = budgetProblem(estimateRun(scenario, scenario.simulation.trials), runLimits(opts.allowLarge), defaultWorkers());
            if (budget !== null) process.stderr.write(`warning: ${escapeControlChars(file)}: ${budget}\n`);
            process.stdout.write(`${escapeControlChars(file)}: valid — ${summarizeScenario(scenario)}\n`);
          }
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          for (const p of err.problems) errors.push(formatProblem(p));
        }
      }
      if (errors.length > 0) {
        const n = errors.length;
        throw new UserError(`${errors.join('\n')}\n${n} problem${n === 1 ? '' : 's'} found`, 2);
      }
    });
}

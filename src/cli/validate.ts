/**
 * `drsim validate FILE...`: checks scenario files. Exit 0 with one summary line per file (warnings
 * on stderr); exit 2 listing every problem as FILE:LINE:COL: path: message.
 */
import type { Command } from 'commander';
import { formatProblem, loadScenario, ScenarioError, type LoadedScenario, type LoadOptions } from '../models/scenario/loader.js';
import type { Scenario } from '../models/scenario/model.js';
import { UserError } from './errors.js';

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
export function loadScenarioForCli(file: string, stderr: (s: string) => void = (s) => process.stderr.write(s), options: LoadOptions = {}): LoadedScenario {
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
    .argument('<file...>', 'scenario YAML files')
    .option('-q, --quiet', 'print nothing for valid files and no warnings')
    .action((files: string[], opts: { quiet?: boolean }) => {
      const errors: string[] = [];
      for (const file of files) {
        try {
          const { scenario, warnings } = loadScenario(file);
          if (!opts.quiet) {
            for (const w of warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
            process.stdout.write(`${file}: valid — ${summarizeScenario(scenario)}\n`);
          }
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          errors.push(...err.problems.map(formatProblem));
        }
      }
      if (errors.length > 0) {
        const n = errors.length;
        throw new UserError(`${errors.join('\n')}\n${n} problem${n === 1 ? '' : 's'} found`, 2);
      }
    });
}

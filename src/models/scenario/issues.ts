/**
 * Zod issues → scenario problems in the user's words: missing keys, unknown keys with "did you
 * mean", wrong types with what was found, and the most specific branch of a union.
 */
import type { z } from 'zod';
import { METHOD_KINDS } from '../protection/methods/registry.js';
import { suggestion } from './did-you-mean.js';
import { describeInput } from './fields.js';
import type { Locator, ScenarioProblem, YamlPath } from './problems.js';
import { maxOf, pushAll } from '../../sim/array-extremes.js';

type Issue = z.core.$ZodIssue;

const TYPE_NOUNS: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping',
  tuple: 'a list',
};

function isZodDefault(message: string): boolean {
  return /^(Invalid input|Too (small|big)|Invalid (option|key|element))/.test(message);
}

/** What a union branch wanted, for "expected X or Y" when no branch got further than the top. */
function expectation(issue: Issue): string | null {
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  if (issue.code === 'invalid_type') return TYPE_NOUNS[issue.expected] ?? issue.expected;
  return null;
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, maxOf(issues.map((i) => i.path.length + (i.code === 'unrecognized_keys' ? 1 : 0))));
}

export function issuesToProblems(issues: readonly Issue[], locator: Locator, prefix: YamlPath = []): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const parts = issue.message.split('; ');
        issue.keys.forEach((k, i) => {
          const msg = parts.length === issue.keys.length ? parts[i] : `unknown key "${k}"`;
          out.push(locator.problem([...path, k], msg, true));
        });
        break;
      }
      case 'invalid_type':
        if (input === undefined) {
          const key = path[path.length - 1];
          out.push(locator.problem(path, typeof key === 'number' ? 'missing list item' : `missing required key "${key}"`));
        } else {
          out.push(locator.problem(path, isZodDefault(issue.message)
            ? `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}, found ${describeInput(input)}`
            : issue.message));
        }
        break;
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        const found = describeInput(input);
        out.push(locator.problem(path, isZodDefault(issue.message)
          ? `expected one of ${allowed.join(', ')}, found ${found}${typeof input === 'string' ? suggestion(input, allowed).replace(/ \(expected one of.*\)$/, '') : ''}`
          : issue.message));
        break;
      }
      case 'invalid_union': {
        const methodKey = typeof input === 'object' && input !== null && 'method' in input ? (input as { method: unknown }).method : undefined;
        if (issue.errors.length === 0 && methodKey !== undefined) {
          const methods = METHOD_KINDS;
          out.push(locator.problem(path[path.length - 1] === 'method' ? path : [...path, 'method'], `unknown method ${describeInput(methodKey)}${typeof methodKey === 'string' ? suggestion(methodKey, methods, 'methods') : ` (methods: ${methods.join(', ')})`}`));
          break;
        }
        if (issue.errors.length === 0) {
          out.push(locator.problem(path, issue.message));
          break;
        }
        const deepest = maxOf(issue.errors.map(depth));
        if (deepest === 0) {
          const wanted = [...new Set(issue.errors.map((e) => (e.length === 1 ? expectation(e[0]) : null)).filter((x): x is string => !!x))];
          out.push(locator.problem(path, wanted.length > 0 && isZodDefault(issue.message)
            ? `expected ${wanted.join(' or ')}, found ${describeInput(input)}`
            : `${issue.message}, found ${describeInput(input)}`));
        } else {
          // The branch that got furthest is the one the user meant; report its problems.
          const branch = issue.errors.find((e) => depth(e) === deepest)!;
          pushAll(out, issuesToProblems(branch, locator, path));
        }
        break;
      }
      case 'too_small':
      case 'too_big':
        out.push(locator.problem(path, isZodDefault(issue.message)
          ? `${issue.code === 'too_small' ? 'too small' : 'too large'}: expected ${issue.origin === 'array' ? `${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)} items` : `${issue.code === 'too_small' ? '≥' : '≤'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`}, found ${describeInput(input)}`
          : issue.message));
        break;
      default:
        out.push(locator.problem(path, issue.message));
    }
  }
  return out;
}

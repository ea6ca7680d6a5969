/**
 * GitHub Actions: a failed outcome becomes an `::error` annotation at the line of the model where
 * the property is declared (so the pull request shows it on that line, as a failing test shows its
 * own), and the step summary goes to $GITHUB_STEP_SUMMARY without being asked. Off Actions nothing
 * here prints anything.
 *
 * Workflow commands are read from the step's output; their values are escaped as the runner
 * expects (%, CR and LF in a message; also : and , in a property), so that a message with a
 * colon or a newline neither ends early nor injects another command.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AnyModel } from '../core/model.ts';
import { declarationSite, type Site } from '../core/site.ts';

export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export interface Failure {
  readonly model: AnyModel;
  /** The property that failed; none: the model's declaration is the place. */
  readonly property: string | null;
  readonly title: string;
  readonly message: string;
  readonly level?: 'error' | 'warning';
}

/** Where a property of a model is declared: its own line, else the model's (a built-in like no-deadlock). */
export function siteOf(model: AnyModel, property: string | null): Site | undefined {
  const p = property === null ? undefined : model.properties.find((x) => x.name === property);
  return (p && declarationSite(p)) ?? declarationSite(model);
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command: `::error file=models/dns/properties.ts,line=10,title=…::message`. */
export function annotation(f: Failure, env: NodeJS.ProcessEnv = process.env): string {
  const site = siteOf(f.model, f.property);
  const where: string[] = [];
  if (site) {
    const rel = relative(resolve(env.GITHUB_WORKSPACE ?? process.cwd()), site.file);
    // A file outside the workspace cannot be shown on a line of the pull request: the title says where.
    if (!isAbsolute(rel) && !rel.startsWith('..') && existsSync(site.file))
      where.push(`file=${escapeProperty(rel.split(sep).join('/'))}`, `line=${site.line}`);
  }
  where.push(`title=${escapeProperty(f.title)}`);
  return `::${f.level ?? 'error'} ${where.join(',')}::${escapeData(f.message)}`;
}

/** Print an annotation per failure under GitHub Actions (`write`: stdout, or stderr when stdout is JSON). */
export function annotate(
  failures: readonly Failure[],
  write: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!inGitHubActions(env)) return;
  for (const f of failures) write(annotation(f, env));
}

/** The summary file: --summary, else $GITHUB_STEP_SUMMARY when set. */
export function summaryFile(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return given ?? (env.GITHUB_STEP_SUMMARY || undefined);
}

/**
 * A Markdown link to a file of the repository, only when the file exists: to its page at this
 * commit on GitHub (a job summary resolves no relative link), else its path relative to the
 * working directory. None for a file that is not there: a summary never links to nothing.
 */
export function repositoryLink(file: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!existsSync(file)) return null;
  const rel = relative(resolve(env.GITHUB_WORKSPACE ?? process.cwd()), resolve(file))
    .split(sep)
    .join('/');
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha && !rel.startsWith('..')) return `${server}/${repo}/blob/${sha}/${rel}`;
  return relative(process.cwd(), resolve(file)).split(sep).join('/');
}

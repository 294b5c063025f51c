import * as core from '@actions/core';

import type { ActivateResult } from '../protocol/index.js';

import type { DeployOutcome } from './deploy.js';

/**
 * Writes a sentence saying what became live and a table of the deploy's
 * results to the job summary that GitHub shows on the workflow run page.
 */
export async function writeJobSummary(
  site: string,
  outcome: DeployOutcome,
): Promise<void> {
  const rows = [
    ['Site', site],
    ['Release', outcome.release ?? 'none: nothing was sent'],
    ['Live', describeLiveState(outcome)],
    ['Deployment id', outcome.deploymentId],
    ['Files', String(outcome.files)],
    ['Archive size', `${outcome.archiveBytes} bytes`],
    ['Archive SHA-256', outcome.archiveSha256],
    ['Duration', `${outcome.durationMs} ms`],
  ];
  await writeSummary(
    deployHeading(outcome),
    deploySentence(site, outcome),
    rows,
  );
}

/**
 * Writes what a rollback or activation made live, and which release was
 * live before, to the job summary.
 */
export async function writeActivationSummary(
  command: 'rollback' | 'activate',
  result: ActivateResult,
): Promise<void> {
  const heading =
    command === 'rollback'
      ? 'Static deploy rollback'
      : 'Static deploy activation';
  const rows = [
    ['Live release', result.release],
    ['Previous release', result.previous ?? 'none'],
    ['Activated at', result.activatedAt],
  ];
  await writeSummary(heading, `Release ${result.release} is live.`, rows);
}

function deployHeading(outcome: DeployOutcome): string {
  if (outcome.dryRun) {
    return 'Static deploy (dry run)';
  }
  return outcome.activated ? 'Static deploy' : 'Static deploy (staged)';
}

function deploySentence(site: string, outcome: DeployOutcome): string {
  if (outcome.dryRun) {
    return 'Dry run: nothing was sent, and the live release did not change.';
  }
  if (outcome.activated) {
    return `Release ${outcome.release} of site ${site} is live.`;
  }
  return (
    `Release ${outcome.release} of site ${site} was staged and is not ` +
    'live. Run the action with command: activate and this release to make it live.'
  );
}

function describeLiveState(outcome: DeployOutcome): string {
  if (outcome.dryRun) {
    return 'unchanged (dry run)';
  }
  return outcome.activated ? 'yes' : 'no, staged';
}

async function writeSummary(
  heading: string,
  sentence: string,
  rows: string[][],
): Promise<void> {
  await core.summary
    .addHeading(heading, 2)
    .addRaw(`<p>${sentence}</p>`, true)
    .addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true },
      ],
      ...rows,
    ])
    .write();
}

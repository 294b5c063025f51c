import * as core from '@actions/core';

import type { DeployOutcome } from './deploy.js';

/**
 * Writes a table of the deploy's results to the job summary that GitHub
 * shows on the workflow run page.
 */
export async function writeJobSummary(
  site: string,
  outcome: DeployOutcome,
): Promise<void> {
  const heading = outcome.dryRun ? 'Static deploy (dry run)' : 'Static deploy';
  const rows = [
    ['Site', site],
    ['Release', outcome.release ?? 'none: nothing was sent'],
    ['Deployment id', outcome.deploymentId],
    ['Files', String(outcome.files)],
    ['Archive size', `${outcome.archiveBytes} bytes`],
    ['Archive SHA-256', outcome.archiveSha256],
    ['Duration', `${outcome.durationMs} ms`],
  ];
  await core.summary
    .addHeading(heading, 2)
    .addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true },
      ],
      ...rows,
    ])
    .write();
}

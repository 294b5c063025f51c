import * as core from '@actions/core';

import { readActionInputs } from './action-inputs.js';
import { deploy, type DeployOutcome } from './deploy.js';
import { errorMessage } from './error-message.js';
import { metadataFromGitHubEnv } from './github-metadata.js';
import { writeJobSummary } from './job-summary.js';

/**
 * Runs the action: reads the inputs, deploys the site and sets the
 * outputs. It never throws. Every failure is reported through
 * `core.setFailed`, which marks the step as failed.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs();
    const outcome = await deploy({
      ...inputs,
      metadata: metadataFromGitHubEnv(process.env),
      log: { info: core.info, warning: core.warning },
    });
    setOutputs(outcome);
    await writeSummary(inputs.site, outcome);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

function setOutputs(outcome: DeployOutcome): void {
  core.setOutput('deployment-id', outcome.deploymentId);
  core.setOutput('release', outcome.release ?? '');
  core.setOutput('files', outcome.files);
  core.setOutput('archive-bytes', outcome.archiveBytes);
  core.setOutput('duration-ms', outcome.durationMs);
}

/**
 * Writes the job summary, and reports a failure as a warning because the deploy
 * itself succeeded.
 */
async function writeSummary(
  site: string,
  outcome: DeployOutcome,
): Promise<void> {
  try {
    await writeJobSummary(site, outcome);
  } catch (error) {
    core.warning(`could not write the job summary: ${errorMessage(error)}`);
  }
}

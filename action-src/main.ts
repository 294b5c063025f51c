import * as core from '@actions/core';

import {
  readActionInputs,
  type DeployInputs,
  type ReleaseInputs,
} from './action-inputs.js';
import { deploy, type DeployOutcome } from './deploy.js';
import { errorMessage } from './error-message.js';
import { metadataFromGitHubEnv } from './github-metadata.js';
import { writeActivationSummary, writeJobSummary } from './job-summary.js';
import type { Logger } from './log.js';
import { activateRelease, describeActivation } from './releases-api.js';
import { rollback } from './rollback.js';

const ACTIONS_LOGGER: Logger = { info: core.info, warning: core.warning };

/**
 * Runs the action: reads the inputs, runs the command (deploy, rollback or
 * activate) and sets the outputs. It never throws. Every failure is
 * reported through `core.setFailed`, which marks the step as failed.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs();
    if (inputs.command === 'deploy') {
      await runDeploy(inputs);
    } else {
      await runActivation(inputs);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

async function runDeploy(inputs: DeployInputs): Promise<void> {
  const outcome = await deploy({
    ...inputs,
    metadata: metadataFromGitHubEnv(process.env),
    log: ACTIONS_LOGGER,
  });
  setDeployOutputs(outcome);
  await writeSummary(() => writeJobSummary(inputs.site, outcome));
}

/** Runs `rollback` or `activate`, which both make a kept release live. */
async function runActivation(inputs: ReleaseInputs): Promise<void> {
  const options = { ...inputs, log: ACTIONS_LOGGER };
  const result =
    inputs.command === 'rollback'
      ? await rollback({ ...options, to: inputs.release })
      : await activateRelease(options, inputs.release);
  core.info(describeActivation(result));
  core.setOutput('release', result.release);
  core.setOutput('previous-release', result.previous ?? '');
  await writeSummary(() => writeActivationSummary(inputs.command, result));
}

function setDeployOutputs(outcome: DeployOutcome): void {
  core.setOutput('deployment-id', outcome.deploymentId);
  core.setOutput('release', outcome.release ?? '');
  core.setOutput('files', outcome.files);
  core.setOutput('archive-bytes', outcome.archiveBytes);
  core.setOutput('duration-ms', outcome.durationMs);
}

/**
 * Writes the job summary, and reports a failure as a warning because the
 * command itself succeeded.
 */
async function writeSummary(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    core.warning(`could not write the job summary: ${errorMessage(error)}`);
  }
}

/**
 * The action's entry point: reads the run and the inputs, runs the stages, publishes
 * the report and sets the job's result. The only place that calls `setFailed`.
 */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { ActionsLogger } from './actions-logger.js'
import { CountingLogger } from './logger.js'
import { buildReportModel } from './pipeline.js'
import { publishReport, readPublishedNarrative } from './publish/index.js'
import { readRunEnvironment } from './run-context.js'
import { readSettings, type InputReader } from './settings/index.js'

/** Runs the action. Never throws: every failure ends in `core.setFailed` with a message. */
export async function run(): Promise<void> {
  const log = new CountingLogger(new ActionsLogger())
  const readInput: InputReader = name => core.getInput(name)

  try {
    const environment = readRunEnvironment(process.env, tmpdir())
    const settings = readSettings(readInput, {
      ollamaHostVariable: process.env.OLLAMA_HOST,
      tempDirectory: environment.tempDirectory,
      defaultCommentKey: environment.defaultCommentKey,
      readTextFile: path => readFileSync(resolve(environment.workspace, path), 'utf8')
    })
    const run = { ...environment.run, prNumber: environment.run.prNumber ?? settings.publish.prNumber }
    if (settings.publish.token !== '') core.setSecret(settings.publish.token)
    for (const value of Object.values(settings.narrate.headers)) core.setSecret(value)

    const model = await buildReportModel(
      {
        settings,
        run,
        workspace: environment.workspace,
        baseSha: environment.baseSha,
        defaultBranch: environment.defaultBranch,
        readPublishedNarrative: () => readPublishedNarrative(settings, run, log)
      },
      log
    )

    await log.group('Publish the report', () => publishReport(model, log))

    if (model.comparison.failed) {
      core.setFailed(model.comparison.failureMessage ?? 'The benchmark gate failed.')
    } else if (settings.narrate.mode === 'required' && !['generated', 'reused'].includes(model.narrative.status)) {
      core.setFailed(`The narrative is required (narrative: required) but was not written: ${model.narrative.note ?? model.narrative.status}`)
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await writeFailureSummary(message)
    core.setFailed(message)
  }
}

/** Writes a short job summary when the run stopped before the report, so the summary is never empty. */
async function writeFailureSummary(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addHeading('Benchmark report', 2).addRaw('The action stopped before the report was written:').addCodeBlock(message, 'text').write()
  } catch (error) {
    core.warning(`Failed to write the job summary: ${(error as Error).message}`)
  }
}

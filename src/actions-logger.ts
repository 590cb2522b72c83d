import * as core from '@actions/core'
import type { AnnotationTarget, Logger } from './logger.js'

/** The Logger backed by `@actions/core`: workflow commands on the runner. */
export class ActionsLogger implements Logger {
  debug(message: string): void {
    core.debug(message)
  }

  info(message: string): void {
    core.info(message)
  }

  warning(message: string, target?: AnnotationTarget): void {
    core.warning(message, toProperties(target))
  }

  error(message: string, target?: AnnotationTarget): void {
    core.error(message, toProperties(target))
  }

  group<T>(name: string, work: () => Promise<T>): Promise<T> {
    return core.group(name, work)
  }

  setSecret(value: string): void {
    core.setSecret(value)
  }
}

function toProperties(target: AnnotationTarget | undefined): core.AnnotationProperties | undefined {
  if (target === undefined) return undefined
  return { file: target.file, startLine: target.startLine, title: target.title }
}

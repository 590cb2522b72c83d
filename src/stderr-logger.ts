import type { AnnotationTarget, Logger } from './logger.js'

/** The Logger of the command-line preview: plain lines on stderr, so stdout carries only the report. */
export class StderrLogger implements Logger {
  constructor(private readonly verbose: boolean) {}

  debug(message: string): void {
    if (this.verbose) this.write('debug', message)
  }

  info(message: string): void {
    this.write('info', message)
  }

  warning(message: string, target?: AnnotationTarget): void {
    this.write('warning', message, target)
  }

  error(message: string, target?: AnnotationTarget): void {
    this.write('error', message, target)
  }

  async group<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.write('info', `== ${name}`)
    return work()
  }

  setSecret(): void {
    // Nothing to mask outside a runner: secrets are never written to the log anyway.
  }

  private write(level: string, message: string, target?: AnnotationTarget): void {
    const location = target?.file === undefined ? '' : ` ${target.file}${target.startLine === undefined ? '' : `:${target.startLine}`}`
    process.stderr.write(`${level}${location}: ${message}\n`)
  }
}

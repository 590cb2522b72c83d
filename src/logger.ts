/**
 * The log every stage writes to. In the action it is backed by `@actions/core`;
 * the command-line preview writes to stderr, and unit tests record the calls.
 *
 * GitHub shows at most 10 warning annotations per step. So stages return file
 * problems in their results and log them with `info`, and only the publish stage
 * turns them into annotations, the most important first. `warning` without a
 * target is for run-level degradations such as an unreachable Ollama server.
 */
export interface AnnotationTarget {
  /** Workspace-relative file path. */
  file?: string
  /** 1-based line. */
  startLine?: number
  title?: string
}

export interface Logger {
  debug(message: string): void
  info(message: string): void
  /** A warning in the log; with a target it also becomes a file annotation on the run. */
  warning(message: string, target?: AnnotationTarget): void
  error(message: string, target?: AnnotationTarget): void
  /** Runs `work` inside a collapsible log group. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>
  /** Marks a value, such as a header from `ollama-headers`, as secret so the runner masks it. */
  setSecret(value: string): void
}

/** A logger that keeps every message, for unit tests and for counting warnings. */
export class MemoryLogger implements Logger {
  readonly entries: { level: 'debug' | 'info' | 'warning' | 'error'; message: string; target?: AnnotationTarget }[] = []
  readonly secrets: string[] = []

  debug(message: string): void {
    this.entries.push({ level: 'debug', message })
  }

  info(message: string): void {
    this.entries.push({ level: 'info', message })
  }

  warning(message: string, target?: AnnotationTarget): void {
    this.entries.push({ level: 'warning', message, target })
  }

  error(message: string, target?: AnnotationTarget): void {
    this.entries.push({ level: 'error', message, target })
  }

  async group<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work()
  }

  setSecret(value: string): void {
    this.secrets.push(value)
  }

  /** Messages of one level, for assertions. */
  messages(level: 'debug' | 'info' | 'warning' | 'error'): string[] {
    return this.entries.filter(entry => entry.level === level).map(entry => entry.message)
  }
}

/**
 * Passes every call to another logger and counts warnings and errors, because GitHub
 * shows at most 10 annotations of each level per step and publish needs to know how
 * many the step has already used.
 */
export class CountingLogger implements Logger {
  warnings = 0
  errors = 0

  constructor(private readonly inner: Logger) {}

  debug(message: string): void {
    this.inner.debug(message)
  }

  info(message: string): void {
    this.inner.info(message)
  }

  warning(message: string, target?: AnnotationTarget): void {
    this.warnings += 1
    this.inner.warning(message, target)
  }

  error(message: string, target?: AnnotationTarget): void {
    this.errors += 1
    this.inner.error(message, target)
  }

  group<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.inner.group(name, work)
  }

  setSecret(value: string): void {
    this.inner.setSecret(value)
  }
}

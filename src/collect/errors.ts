/** A file that could not be parsed; `line` points at the cause when known. */
export class ArtifactParseError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly line?: number
  ) {
    super(message)
    this.name = 'ArtifactParseError'
  }
}

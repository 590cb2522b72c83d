/** Settings of one run of the suite, shared by every benchmark. */
export interface BenchContext {
  /** Timed repetitions of each measured command and of its floor. */
  repetitions: number
  /** Small sizes, for the smoke test. */
  quick: boolean
  /** Whether each measured command and its floor run once untimed before the timed runs; off with --quick. */
  warmUp: boolean
  /** Size of the generated CSV in MB (2^20 bytes). */
  largeCsvMb: number
  /** Number of generated small files. */
  files: number
  /** Prints a progress line on stderr. */
  progress: (message: string) => void
}

/** Input names, exactly as in action.yml. */
export const Inputs = {
  // Collect
  Artifacts: 'artifacts',
  MaxFileSize: 'max-file-size',
  MaxTotalSize: 'max-total-size',
  MaxFiles: 'max-files',
  MaxSeries: 'max-series',
  ReportDirectory: 'report-directory',

  // Compare and gate
  BaselineRef: 'baseline-ref',
  BaselinePath: 'baseline-path',
  MaxRegression: 'max-regression',
  MinAbsoluteChange: 'min-absolute-change',
  GateStatistic: 'gate-statistic',
  Alpha: 'alpha',
  Thresholds: 'thresholds',
  FailOn: 'fail-on',
  GateMetrics: 'gate-metrics',
  KeepColdStarts: 'keep-cold-starts',

  // Narrate
  Narrative: 'narrative',
  NarrativeMode: 'narrative-mode',
  OllamaHost: 'ollama-host',
  OllamaHeaders: 'ollama-headers',
  Model: 'model',
  PullModel: 'pull-model',
  NumGpu: 'num-gpu',
  NumCtx: 'num-ctx',
  Temperature: 'temperature',
  TopP: 'top-p',
  TopK: 'top-k',
  RepeatPenalty: 'repeat-penalty',
  Seed: 'seed',
  NumPredict: 'num-predict',
  KeepAlive: 'keep-alive',
  FirstTokenTimeout: 'first-token-timeout',
  Timeout: 'timeout',
  Prompt: 'prompt',
  PromptFile: 'prompt-file',
  NumberCheck: 'number-check',
  ReuseNarrative: 'reuse-narrative',

  // Publish
  GithubToken: 'github-token',
  Comment: 'comment',
  CommentMode: 'comment-mode',
  CommentKey: 'comment-key',
  PrNumber: 'pr-number'
} as const

/** Output names, exactly as in action.yml. */
export const Outputs = {
  ReportPath: 'report-path',
  MetricsPath: 'metrics-path',
  CommentId: 'comment-id',
  CommentUrl: 'comment-url',
  Regression: 'regression',
  Regressions: 'regressions',
  NarrativeStatus: 'narrative-status',
  TokensPerSecond: 'tokens-per-second',
  TimeToFirstTokenMs: 'time-to-first-token-ms',
  TotalDurationMs: 'total-duration-ms',
  TokensGenerated: 'tokens-generated',
  PromptTokens: 'prompt-tokens',
  PromptEvalDurationMs: 'prompt-eval-duration-ms',
  EvalDurationMs: 'eval-duration-ms',
  LoadDurationMs: 'load-duration-ms'
} as const

export const COMMENT_WHEN = ['auto', 'always', 'on-regression', 'never'] as const
export type CommentWhen = (typeof COMMENT_WHEN)[number]

export const COMMENT_MODES = ['update', 'recreate'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export const NARRATIVE_MODES = ['auto', 'required', 'off'] as const
export type NarrativeSetting = (typeof NARRATIVE_MODES)[number]

export const NARRATIVE_STAGES = ['single', 'two-stage'] as const
export type NarrativeStages = (typeof NARRATIVE_STAGES)[number]

export const NUMBER_CHECK_ACTIONS = ['remove-sentences', 'replace-narrative'] as const
export type NumberCheckAction = (typeof NUMBER_CHECK_ACTIONS)[number]

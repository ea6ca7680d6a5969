/** The zoo's models in two groups, one test file each, so that vitest can hunt them on two cores. */
export const threadModels = [
  'aba-stack',
  'bounded-buffer',
  'dining-philosophers',
  'double-checked-locking',
  'peterson',
  'sleep-wakeup',
] as const;
export const systemModels = [
  'bank-transfer',
  'lost-update-kv',
  'overdraft',
  'plan-pipeline',
  'retry-storm',
  'split-brain',
  'stale-cache',
  'two-phase-commit',
] as const;

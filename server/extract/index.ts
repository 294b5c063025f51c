export { extractArchive } from './extract.js';
export { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';
export type { ExtractSummary } from './write-entries.js';

import type { DeploymentMetadata } from './metadata.js';

/**
 * Machine-readable error codes the receiver returns in `{ code, message }`
 * JSON bodies, with the HTTP status each one travels with.
 */
export const ERROR_STATUS = {
  invalid_header: 400,
  unsupported_version: 400,
  operation_mismatch: 400,
  target_mismatch: 400,
  invalid_multipart: 400,
  missing_archive: 400,
  content_hash_mismatch: 400,
  invalid_archive: 400,
  unsafe_entry_name: 400,
  duplicate_entry: 400,
  unsupported_entry_type: 400,
  unsupported_compression: 400,
  encrypted_entry: 400,
  too_many_entries: 400,
  compression_ratio_exceeded: 400,
  invalid_metadata: 400,
  signature_missing: 401,
  signature_invalid: 401,
  timestamp_outside_tolerance: 401,
  not_found: 404,
  release_not_found: 404,
  method_not_allowed: 405,
  deployment_id_reused: 409,
  deploy_in_progress: 409,
  archive_too_large: 413,
  unpacked_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  insufficient_storage: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Shape of every error response body. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Shape of a successful deploy response body. */
export interface DeployResult {
  deploymentId: string;
  release: string;
  files: number;
  bytes: number;
  archiveBytes: number;
  archiveSha256: string;
  activated: boolean;
  durationMs: number;
}

/** One kept release, as `GET <prefix>/releases` lists it. */
export interface ReleaseSummary {
  release: string;
  deploymentId: string;
  /** ISO 8601 time the release was unpacked. */
  createdAt: string;
  archiveSha256: string;
  archiveBytes: number;
  files: number;
  bytes: number;
  metadata: DeploymentMetadata;
  /** Whether this release is the one being served. */
  live: boolean;
  /** ISO 8601 time the release last became live, or null for a staged release that never did. */
  lastActivatedAt: string | null;
}

/** Body of `GET <prefix>/releases`: newest first. */
export interface ReleaseList {
  site: string;
  current: string | null;
  releases: ReleaseSummary[];
}

/** Body of a successful `POST <prefix>/releases/<release>/activate`. */
export interface ActivateResult {
  release: string;
  /** The release that was live before, or null if none was. */
  previous: string | null;
  activatedAt: string;
}

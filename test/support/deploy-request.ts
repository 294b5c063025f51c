import {
  ARCHIVE_FIELD,
  EMPTY_SHA256,
  encodeMetadata,
  newDeploymentId,
  nowSeconds,
  sha256Hex,
  signedHeaders,
  type DeploymentMetadata,
  type SignedFields,
} from '../../protocol/index.js';

export interface DeployRequestOptions {
  secrets: string[];
  archive: Buffer;
  fields?: Partial<SignedFields>;
  metadata?: DeploymentMetadata;
  /** Header changes applied after signing; undefined removes a header. */
  headers?: Record<string, string | undefined>;
}

/** Returns the signed fields a deploy of `archive` would use. */
export function deployFields(
  archive: Buffer,
  change: Partial<SignedFields> = {},
): SignedFields {
  return {
    operation: 'deploy',
    target: 'default',
    deploymentId: newDeploymentId(),
    timestampSeconds: nowSeconds(),
    contentSha256: sha256Hex(archive),
    ...change,
  };
}

/** Sends a signed deploy with fetch and returns the status and JSON body. */
export async function sendDeploy(
  apiUrl: string,
  options: DeployRequestOptions,
): Promise<{
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  fields: SignedFields;
}> {
  const fields = deployFields(options.archive, {
    ...(options.metadata ? { metadata: encodeMetadata(options.metadata) } : {}),
    ...options.fields,
  });
  const headers: Record<string, string> = signedHeaders(
    options.secrets,
    fields,
  );
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) {
      delete headers[name];
    } else {
      headers[name] = value;
    }
  }
  const form = new FormData();
  form.append(
    ARCHIVE_FIELD,
    new Blob([options.archive], { type: 'application/zip' }),
    'site.zip',
  );
  const response = await fetch(`${apiUrl}/deploy`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: parseJson(text),
    headers: response.headers,
    fields,
  };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

/**
 * Sends a signed request without a body, such as a release list or an
 * activation, and returns the status and JSON body.
 */
export async function sendSigned(
  apiUrl: string,
  options: {
    secrets: string[];
    method: 'GET' | 'POST';
    path: string;
    operation: SignedFields['operation'];
    target: string;
    fields?: Partial<SignedFields>;
  },
): Promise<{
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  fields: SignedFields;
}> {
  const fields: SignedFields = {
    operation: options.operation,
    target: options.target,
    deploymentId: newDeploymentId(),
    timestampSeconds: nowSeconds(),
    contentSha256: EMPTY_SHA256,
    ...options.fields,
  };
  const response = await fetch(`${apiUrl}${options.path}`, {
    method: options.method,
    headers: signedHeaders(options.secrets, fields),
  });
  return {
    status: response.status,
    body: parseJson(await response.text()),
    headers: response.headers,
    fields,
  };
}

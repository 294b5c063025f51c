/**
 * Builds `<url>/<path>` from the receiver's API prefix, ignoring trailing
 * slashes of the prefix.
 *
 * @param path Path below the prefix without a leading slash, such as
 *   `deploy` or `releases`.
 * @throws TypeError when `url` is not an absolute http or https URL.
 */
export function apiEndpoint(url: string, path: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new TypeError(
      `invalid url "${url}": expected an absolute URL ` +
        'such as https://example.com/_static-deploy',
    );
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new TypeError(
      `invalid url "${url}": the scheme must be http or https`,
    );
  }
  endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}/${path}`;
  return endpoint;
}

/**
 * Builds `<url>/deploy` from the receiver's API prefix.
 *
 * @throws TypeError when `url` is not an absolute http or https URL.
 */
export function deployEndpoint(url: string): URL {
  return apiEndpoint(url, 'deploy');
}

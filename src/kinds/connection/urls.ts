// The endpoints API destinations and OAuth connections call: AWS calls https endpoints only;
// eda dev also calls http://localhost (and only loopback hosts at all), so a loopback http URL
// passes validation of the model and is refused when the app is synthesized for AWS.
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';

/** True for http(s) URLs whose host is this machine (localhost, 127.x.x.x, [::1]). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** A non-https URL that is not loopback can never be called: an error wherever it is. */
export function checkEndpointUrl(url: unknown, path: Path, what: string, add: (p: Problem) => void): void {
  if (typeof url !== 'string') return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    add({ path, code: 'url-invalid', message: `'${url}' is not a URL`, hint: 'write https://host/path' });
    return;
  }
  if (parsed.protocol === 'http:' && !isLoopbackUrl(url)) {
    add({ path, code: 'url-not-https', message: `${what} must be https (AWS calls https endpoints only)`, hint: `write https://${parsed.host}${parsed.pathname}${parsed.search}` });
  }
}

/** For synth: a loopback http URL works in eda dev only. */
export function deployedUrlProblem(url: string, path: Path, what: string): Problem | undefined {
  if (!url.startsWith('http://')) return undefined;
  return {
    path,
    code: 'url-not-https',
    message: `${what} must be https to deploy; ${url} is reachable from eda dev only`,
    hint: 'use an https:// endpoint in app.yaml (eda dev calls only loopback URLs, and traces the rest as "would call")',
  };
}

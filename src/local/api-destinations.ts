// API destinations in eda dev: a rule's http target calls its URL with the connection's
// authorization — an API key header, basic auth, or an OAuth client-credentials token fetched
// from the token endpoint — and the event (or the target's input) as a JSON body. Only loopback
// URLs are called; any other is traced as "would call". Secret values come from the local
// secrets file (.eda/secrets.json). A failed call (an error, or a status that is not 2xx) goes
// to the rule's dead-letter queue like any failed delivery; eda dev does not retry it.
import { localSecretName } from '../kinds/connection/secret-ref.js';
import { isLoopbackUrl } from '../kinds/connection/urls.js';
import type { ConnectionModel, RuleModel, SecretRefModel, TargetModel } from '../model/types.js';
import { readSecrets } from './aws/secrets.js';
import type { Trace } from './trace.js';

export interface ApiDestinationsDeps {
  connections: ConnectionModel[];
  trace: Trace;
  /** The local secrets file (.eda/secrets.json). */
  secretsFile: string;
  timeoutMs?: number;
}

export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ApiDestinations {
  /** OAuth access tokens by connection, until they expire (EventBridge reuses them too). */
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(private readonly deps: ApiDestinationsDeps) {}

  /** Calls the target's endpoint; throws a DeliveryError when the call fails. */
  async call(rule: RuleModel, target: TargetModel, body: string): Promise<void> {
    const http = target.http!;
    const base = { kind: 'destination' as const, rule: rule.name, method: http.method, url: http.url };
    if (!isLoopbackUrl(http.url)) {
      this.deps.trace.emit({ ...base, called: false });
      return;
    }
    const started = performance.now();
    try {
      const headers = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Amazon/EventBridge/ApiDestinations', ...(await this.authorization(http.connection)) };
      const withBody = !['GET', 'HEAD'].includes(http.method);
      const res = await fetch(http.url, { method: http.method, headers, body: withBody ? body : undefined, signal: AbortSignal.timeout(this.deps.timeoutMs ?? 5000) });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      this.deps.trace.emit({ ...base, called: true, status: res.status, ms });
      if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP${res.status}`, `${http.method} ${http.url} answered ${res.status}`);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      const message = (error as Error).message;
      this.deps.trace.emit({ ...base, called: true, ms: performance.now() - started, error: { type: 'ConnectionError', message } });
      throw new DeliveryError('ConnectionError', message);
    }
  }

  /** The header the connection adds to every call. */
  private async authorization(name: string): Promise<Record<string, string>> {
    const conn = this.deps.connections.find((c) => c.name === name);
    if (!conn) throw new DeliveryError('ConnectionNotFound', `connection ${name} does not exist`);
    const a = conn.auth;
    switch (a.type) {
      case 'apiKey':
        return { [a.header]: this.secret(a.value) };
      case 'basic':
        return { authorization: `Basic ${Buffer.from(`${a.username}:${this.secret(a.password)}`).toString('base64')}` };
      case 'oauth': {
        if (!isLoopbackUrl(a.endpoint)) {
          this.deps.trace.emit({ kind: 'warn', message: `connection ${name}: would fetch a token from ${a.endpoint} (eda dev calls loopback URLs only); calling without one` });
          return {};
        }
        const cached = this.tokens.get(name);
        if (cached && cached.until > Date.now()) return { authorization: `Bearer ${cached.token}` };
        const credentials = Buffer.from(`${a.clientId}:${this.secret(a.clientSecret)}`).toString('base64');
        const form = new URLSearchParams({ grant_type: 'client_credentials', ...(a.scope ? { scope: a.scope } : {}) });
        const res = await fetch(a.endpoint, { method: a.method, headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' }, body: a.method === 'GET' ? undefined : form });
        const answer = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
        const token = answer.access_token;
        if (!res.ok || !token) throw new DeliveryError('OAuthTokenError', `the token endpoint ${a.endpoint} answered ${res.status} without an access_token`);
        this.tokens.set(name, { token, until: Date.now() + (answer.expires_in ?? 300) * 1000 });
        return { authorization: `Bearer ${token}` };
      }
    }
  }

  /** A secret's value from the local secrets file (a key of its JSON when the reference names one). */
  private secret(ref: SecretRefModel): string {
    const name = localSecretName(ref);
    const secrets = readSecrets(this.deps.secretsFile);
    if (!(name in secrets)) throw new DeliveryError('SecretNotFound', `secret ${name} is not in ${this.deps.secretsFile}`);
    let value = secrets[name];
    if (ref.jsonKey) {
      const obj = typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown>);
      value = obj?.[ref.jsonKey];
      if (value === undefined) throw new DeliveryError('SecretNotFound', `secret ${name} has no key ${ref.jsonKey}`);
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

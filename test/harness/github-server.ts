// A local, stateful stand-in for api.github.com, built from GitHub's own OpenAPI description
// (see github-spec.ts). Every request is matched to a spec operation, checked against the
// spec (path, query, body), recorded, and answered from GitHubState; every answer is checked
// against the spec's response schema too. Anything off is a violation, and
// assertNoViolations() fails the test with the list.
//
//   const github = await GitHubServer.start({ owner: 'acme', repo: 'incidents' });
//   github.state.addPullRequest({ author: 'alice', files: ['incidents/2025/INC-1.yaml'] });
//   ... point the client at github.url with github.token ...
//   github.assertNoViolations();
//   await github.close();
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultReply, type Fault } from './github-faults.js';
import { errorReply, OPERATIONS, type Reply } from './github-operations.js';
import { GitHubRenderer } from './github-render.js';
import { GitHubSpec, type Operation } from './github-spec.js';
import { GitHubState } from './github-state.js';

export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  /** The token clients must send; generated when absent. */
  token?: string;
  /** The account the token belongs to (author of comments and issues created through the API). */
  actor?: string;
  /** Start of the harness clock (ISO-8601). */
  startTime?: string;
}

export interface RecordedCall {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** Undefined when no operation of the spec matched. */
  operationId: string | undefined;
  query: Record<string, string>;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** The status the harness answered. */
  status: number;
}

export interface Violation {
  method: string;
  path: string;
  operationId: string | undefined;
  problem: string;
}

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

const GENERIC_DOCS = { docsUrl: 'https://docs.github.com/rest' };

let sharedSpec: GitHubSpec | undefined;

/** Compiling the spec's schemas is the slow part; every server in a test run shares one. */
function loadSpec(): GitHubSpec {
  sharedSpec ??= GitHubSpec.load();
  for (const operation of sharedSpec.operations) {
    if (!OPERATIONS[operation.operationId]) throw new Error(`harness has no handler for ${operation.operationId}`);
  }
  return sharedSpec;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface ParsedBody {
  /** The parsed JSON, the raw text when it is not JSON, undefined when empty. */
  value: unknown;
  json: boolean;
}

function parseBody(raw: string): ParsedBody {
  if (raw.length === 0) return { value: undefined, json: true };
  try {
    return { value: JSON.parse(raw), json: true };
  } catch {
    return { value: raw, json: false };
  }
}

function randomToken(): string {
  return `ghs_harness${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

export class GitHubServer {
  readonly state: GitHubState;
  readonly token: string;
  readonly spec: GitHubSpec;

  private readonly server: Server;
  private render!: GitHubRenderer;
  private baseUrl = '';
  private readonly recorded: RecordedCall[] = [];
  private readonly found: Violation[] = [];
  private readonly faults = new Map<string, Fault[]>();

  private constructor(options: GitHubServerOptions) {
    this.spec = loadSpec();
    this.token = options.token ?? randomToken();
    this.state = new GitHubState({
      owner: options.owner ?? 'sitrep-dev',
      repo: options.repo ?? 'incidents',
      actor: options.actor ?? 'github-actions[bot]',
      startTime: options.startTime,
    });
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  /** Listens on 127.0.0.1 on a free port. */
  static async start(options: GitHubServerOptions = {}): Promise<GitHubServer> {
    const github = new GitHubServer(options);
    await new Promise<void>((resolve) => github.server.listen(0, '127.0.0.1', resolve));
    const { port } = github.server.address() as AddressInfo;
    github.baseUrl = `http://127.0.0.1:${port}`;
    github.render = new GitHubRenderer(github.state, github.baseUrl);
    return github;
  }

  /** The API base URL, like https://api.github.com (GITHUB_API_URL). */
  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    // Keep-alive sockets of the client would otherwise hold close() open.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  // ---- calls --------------------------------------------------------------------------------

  /** Every request received, in order. */
  get calls(): readonly RecordedCall[] {
    return this.recorded;
  }

  callsTo(operationId: string): RecordedCall[] {
    return this.recorded.filter((call) => call.operationId === operationId);
  }

  /** POST, PATCH, PUT and DELETE calls: a rerun that changes nothing makes none. */
  writes(): RecordedCall[] {
    return this.recorded.filter((call) => WRITE_METHODS.has(call.method));
  }

  /** Forget the calls so far, e.g. between a first run and a rerun. */
  clearCalls(): void {
    this.recorded.length = 0;
  }

  // ---- violations ---------------------------------------------------------------------------

  get violations(): readonly Violation[] {
    return this.found;
  }

  assertNoViolations(): void {
    if (this.found.length === 0) return;
    const lines = this.found.map((v) => `  - ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''}: ${v.problem}`);
    throw new Error(`GitHub harness: ${this.found.length} contract violation(s):\n${lines.join('\n')}`);
  }

  // ---- faults -------------------------------------------------------------------------------

  /** The next `times` calls of `operationId` fail with `fault` instead of their normal answer. */
  failNext(operationId: string, fault: Fault, times = 1): void {
    this.spec.operation(operationId);
    const queue = this.faults.get(operationId) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(operationId, queue);
  }

  /** Faults queued and not yet played. */
  pendingFaults(operationId: string): number {
    return this.faults.get(operationId)?.length ?? 0;
  }

  // ---- request handling ---------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    let reply: Reply;
    try {
      reply = this.respond(method, url, req.headers, raw);
    } catch (error) {
      // A harness bug must fail the test, not hang the client.
      this.violate(method, url.pathname, undefined, `harness error: ${error instanceof Error ? error.stack : String(error)}`);
      reply = errorReply(GENERIC_DOCS, 500, 'Server Error');
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(reply.body);
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private respond(method: string, url: URL, headers: IncomingHttpHeaders, raw: string): Reply {
    const path = url.pathname;
    const match = this.spec.match(method, path);
    const operation = match?.operation;
    const body = parseBody(raw);
    const call: RecordedCall = { method, path, operationId: operation?.operationId, query: Object.fromEntries(url.searchParams), body: body.value, status: 0 };
    this.recorded.push(call);
    const violate = (problem: string) => this.violate(method, path, operation?.operationId, problem);
    const finish = (reply: Reply) => {
      call.status = reply.status;
      if (operation) {
        for (const problem of this.spec.checkResponse(operation, reply.status, reply.body)) violate(`harness response ${reply.status} breaks the spec: ${problem}`);
      }
      return reply;
    };

    if (!this.authorized(headers.authorization)) {
      violate('no valid token in the Authorization header');
      return finish(errorReply(GENERIC_DOCS, 401, 'Bad credentials'));
    }
    if (!headers['user-agent']) {
      // GitHub refuses requests without a User-Agent.
      violate('no User-Agent header');
      return finish(errorReply(GENERIC_DOCS, 403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.'));
    }
    if (!match || !operation) {
      violate('no operation of the spec subset matches this method and path');
      return finish(errorReply(GENERIC_DOCS, 404, 'Not Found'));
    }

    // Rate limits and outages hit before GitHub looks at the request.
    const fault = this.faults.get(operation.operationId)?.shift();
    if (fault) return finish(faultReply(fault));

    const checked = this.checkRequest(operation, match.pathParams, url.searchParams, body, violate);
    if ('rejected' in checked) return finish(checked.rejected);
    return finish(OPERATIONS[operation.operationId]!({ operation, values: checked.values, body: body.value, url, state: this.state, render: this.render }));
  }

  /**
   * Checks a request against the spec. Returns the typed parameter values, or GitHub's answer
   * when GitHub would refuse the request.
   */
  private checkRequest(
    operation: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
    body: ParsedBody,
    violate: (problem: string) => void,
  ): { values: Record<string, unknown> } | { rejected: Reply } {
    const params = this.spec.checkParameters(operation, pathParams, query);
    for (const name of params.unknownQuery) violate(`query parameter "${name}" is not in the spec (GitHub would ignore it)`);
    if (params.invalidPath.length > 0) {
      for (const problem of params.invalidPath) violate(`path parameter ${problem}`);
      return { rejected: errorReply(operation, 404, 'Not Found') };
    }
    const sameRepo = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase();
    if (!sameRepo(params.values.owner, this.state.owner) || !sameRepo(params.values.repo, this.state.repo)) {
      violate(`repository ${String(params.values.owner)}/${String(params.values.repo)} is not the harness repository ${this.state.owner}/${this.state.repo}`);
      return { rejected: errorReply(operation, 404, 'Not Found') };
    }
    if (params.invalidQuery.length > 0) {
      for (const problem of params.invalidQuery) violate(`query parameter ${problem}`);
      return { rejected: errorReply(operation, 422, 'Validation Failed') };
    }

    if (!body.json) {
      violate('request body is not JSON');
      return { rejected: errorReply(operation, 400, 'Problems parsing JSON') };
    }
    const checked = this.spec.checkBody(operation, body.value);
    for (const name of checked.unknownFields) violate(`body field "${name}" is not in the spec (GitHub would ignore it)`);
    if (checked.invalid.length > 0) {
      for (const problem of checked.invalid) violate(`request body ${problem}`);
      return { rejected: errorReply(operation, 422, `Invalid request.\n\n${checked.invalid.join('\n')}`) };
    }
    return { values: params.values };
  }

  private authorized(header: string | undefined): boolean {
    const found = /^(?:token|bearer)\s+(.+)$/i.exec(header ?? '');
    return found?.[1] === this.token;
  }

  private violate(method: string, path: string, operationId: string | undefined, problem: string): void {
    this.found.push({ method, path, operationId, problem });
  }
}

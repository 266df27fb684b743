import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse as parseQuery } from 'node:querystring';
import { type WebSocket, WebSocketServer } from 'ws';
import { PACKAGE_ROOT } from '../../../src/config.js';

/** One Web API call as the stand-in received it, JSON-valued arguments decoded. */
export interface ApiCall {
  method: string;
  args: Json;
  token?: string;
}

/** A POST to a response_url. */
export interface ResponsePost {
  id: string;
  body: Json;
}

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'files', 'file_uploads', 'metadata', 'prompts']);
// From the package root, so the compiled copy the benchmarks run (dist/test) finds them too.
const FIXTURES = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'slack');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

export const BOT = { team: 'T061EG9R6', user: 'U0BOT', bot: 'B0BOT' };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function decodeArgs(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
  if (type.includes('multipart/form-data')) return { multipart: true, bytes: raw.length };
  const form = parseQuery(raw.toString('utf8'));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    const value = Array.isArray(v) ? v[0] : v;
    out[k] = JSON_ARGS.has(k) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * A local Slack: the Web API methods the adapter calls, response_url endpoints, file upload
 * URLs and a Socket Mode WebSocket. It records everything so tests can assert what a member
 * would have seen. Loopback only.
 */
export class SlackStandin {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly uploads: { id: string; bytes: number }[] = [];
  private readonly failures = new Map<string, string[]>();
  /** Workspace admins and owners, as users.info reports them. */
  readonly admins = new Set<string>();
  /** User groups and their members, for usergroups.users.list. */
  readonly groups = new Map<string, string[]>();
  private readonly events = new EventEmitter();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sockets: WebSocket[] = [];
  private seq = 0;
  base = '';

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url on the stand-in. */
  responseUrl(id = `r${++this.seq}`): string {
    return `${this.base}/response/${id}`;
  }

  /** The next call of `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws) => {
      this.sockets.push(ws);
      ws.on('message', (data) => this.emit('socket', JSON.parse(String(data))));
      ws.on('close', () => {
        this.sockets = this.sockets.filter((s) => s !== ws);
      });
      ws.send(readFileSync(path.join(FIXTURES, 'socket-hello.json'), 'utf8'));
      this.emit('connected', true);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private emit(kind: string, value: unknown): void {
    this.events.emit('change', kind, value);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readBody(req);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/response/')) {
      const post = {
        id: url.pathname.slice('/response/'.length),
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
      };
      this.responses.push(post);
      this.emit('response', post);
      return send(200, { ok: true });
    }
    if (url.pathname.startsWith('/upload/')) {
      this.uploads.push({ id: url.pathname.slice('/upload/'.length), bytes: raw.length });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }
    if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(req, raw);
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args, token: auth?.replace(/^Bearer /, '') ?? (args.token as string | undefined) };
    this.calls.push(call);
    this.emit('call', call);
    const failure = this.failures.get(method)?.shift();
    if (failure) return send(200, { ok: false, error: failure });
    return send(200, this.answer(method, args, call.token));
  }

  private answer(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        if (token === 'xoxb-revoked') return { ok: false, error: 'invalid_auth' };
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'img-advisor',
          team_id: BOT.team,
          user_id: BOT.user,
          bot_id: BOT.bot,
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.base.replace('http', 'ws')}/link?ticket=t${this.seq}` };
      case 'chat.postMessage':
        if (args.thread_ts !== undefined && !TS.test(String(args.thread_ts))) return { ok: false, error: 'invalid_thread_ts' };
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts, thread_ts: args.thread_ts } };
      case 'chat.postEphemeral':
        if (args.thread_ts !== undefined && !TS.test(String(args.thread_ts))) return { ok: false, error: 'invalid_thread_ts' };
        return { ok: true, message_ts: ts };
      case 'users.info': {
        const id = String(args.user ?? '');
        if (!id) return { ok: false, error: 'user_not_found' };
        const admin = this.admins.has(id);
        return {
          ok: true,
          user: {
            id,
            team_id: BOT.team,
            name: id.toLowerCase(),
            is_admin: admin,
            is_owner: false,
            is_primary_owner: false,
            is_bot: false,
          },
        };
      }
      case 'usergroups.users.list': {
        const members = this.groups.get(String(args.usergroup ?? ''));
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      }
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setTitle': {
        const problem = assistantProblem(method, args);
        return problem ? { ok: false, error: problem } : { ok: true };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.seq}`, ...(args.view as object) } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.base}/upload/F${this.seq}`, file_id: `F${this.seq}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title })) };
      case 'oauth.v2.access':
        return {
          ok: true,
          app_id: 'A0MDYCDME',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: 'xoxb-installed-elsewhere',
          bot_user_id: 'U0BOT2',
          team: { id: 'T0OTHER', name: 'Other Group' },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** API calls of one method so far. */
  called(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves with the first recorded item that matches, waiting for it if needed. A wait that
   * ends without a match fails with what was seen, so a broken adapter fails the test clearly.
   */
  async waitFor<T>(find: () => T | undefined, what: string, ms = 5000): Promise<T> {
    const hit = find();
    if (hit) return hit;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('change', check);
        reject(
          new Error(
            `stand-in never saw ${what}; calls: ${this.calls.map((c) => c.method).join(', ') || 'none'}; responses: ${this.responses.length}`,
          ),
        );
      }, ms);
      const check = () => {
        const found = find();
        if (!found) return;
        clearTimeout(timer);
        this.events.off('change', check);
        resolve(found);
      };
      this.events.on('change', check);
    });
  }

  waitForCall(method: string, match: (c: ApiCall) => boolean = () => true): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && match(c)), method);
  }

  waitForResponse(id: string): Promise<ResponsePost> {
    return this.waitFor(() => this.responses.find((r) => r.id === id), `a post to response_url ${id}`);
  }

  /** Resolves when a Socket Mode client has connected (and been sent hello). */
  async socketConnected(): Promise<void> {
    await this.waitFor(() => (this.sockets.length ? true : undefined), 'a Socket Mode connection');
  }

  /** Sends a Socket Mode envelope and resolves with the client's ack for it. */
  async sendEnvelope(envelope: {
    type: string;
    payload: unknown;
    retry_attempt?: number;
    retry_reason?: string;
  }): Promise<Record<string, unknown>> {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no Socket Mode client connected');
    const envelope_id = `env-${++this.seq}`;
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelope.type} envelope`)), 5000);
      const onChange = (kind: string, value: unknown) => {
        const msg = value as Record<string, unknown>;
        if (kind !== 'socket' || msg.envelope_id !== envelope_id) return;
        clearTimeout(timer);
        this.events.off('change', onChange);
        resolve(msg);
      };
      this.events.on('change', onChange);
    });
    socket.send(
      JSON.stringify({
        envelope_id,
        accepts_response_payload: envelope.type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
        ...envelope,
      }),
    );
    return acked;
  }
}

const TS = /^\d{10}\.\d{6}$/;

/** What Slack refuses in the assistant thread methods (invalid_arguments), from their documentation. */
function assistantProblem(method: string, args: Record<string, unknown>): string | undefined {
  if (typeof args.channel_id !== 'string' || !/^D[A-Z0-9]+$/.test(args.channel_id)) return 'channel_not_found';
  if (typeof args.thread_ts !== 'string' || !TS.test(args.thread_ts)) return 'invalid_arguments';
  if (method.endsWith('setSuggestedPrompts')) {
    const prompts = args.prompts as { title?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(prompts) || prompts.length < 1 || prompts.length > 4) return 'invalid_arguments';
    if (prompts.some((p) => typeof p.title !== 'string' || !p.title || typeof p.message !== 'string' || !p.message)) {
      return 'invalid_arguments';
    }
  }
  if (method.endsWith('setStatus') && typeof args.status !== 'string') return 'invalid_arguments';
  if (method.endsWith('setTitle') && (typeof args.title !== 'string' || !args.title)) return 'invalid_arguments';
  return undefined;
}

/** Slack payloads as tests read them: loosely, by path. */
// biome-ignore lint/suspicious/noExplicitAny: payload shapes are Slack's; tests index into them freely.
export type Json = Record<string, any>;

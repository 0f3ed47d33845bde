/**
 * A fake OpenAI-compatible server on 127.0.0.1 (node:http, random port) for unit, end-to-end
 * and benchmark runs, driven through the real `openai` SDK. It speaks /v1/models,
 * /v1/responses, /v1/chat/completions and /v1/images/edits (any path prefix, so Azure's
 * /openai/deployments/<name>/… works too), records every request, and times its own work so
 * a benchmark can subtract it. `setMode` switches between normal and fault modes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerChat, answerResponses, type Fail } from '@/test/fake-openai/planner';
import {
  imageEditBody,
  imageEditEvents,
  imageEditProblem,
  readImageEditForm,
  type ImageEditForm,
} from '@/test/fake-openai/images';
import type { SeenPage } from '@/test/fake-openai/plan';
import { writeSse } from '@/test/fake-openai/sse';
import {
  apiError,
  DEFAULT_MODELS,
  failEarly,
  sendJson,
  type FakeMode,
  type FakeOptions,
} from '@/test/fake-openai/modes';

export type { FakeMode, FakeOptions } from '@/test/fake-openai/modes';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the image-edit form without its image bytes. */
  body: unknown;
  /** Body size on the wire. */
  bytes: number;
  status: number;
  page: SeenPage | null;
  form: ImageEditForm | null;
  /** From the first byte in to the last byte out, including deliberate delays. */
  serverMs: number;
  /** Whether the whole response went out (false when the client hung up, or the fault cut it). */
  completed: boolean;
}

export interface FakeOpenAI {
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  setMode(mode: FakeMode, options?: FakeOptions): void;
  /** Total time spent in the server over all recorded requests. */
  serverMs(): number;
  close(): Promise<void>;
}

export async function startFakeOpenAI(
  init: { mode?: FakeMode; options?: FakeOptions } = {},
): Promise<FakeOpenAI> {
  let mode: FakeMode = init.mode ?? 'normal';
  let options: FakeOptions = init.options ?? {};
  const state = { failed: 0 };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse, started: number) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/\/+$/, '');
    const contentType = req.headers['content-type'] ?? '';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: null,
      bytes: raw.length,
      status: 0,
      page: null,
      form: null,
      serverMs: 0,
      completed: false,
    };
    requests.push(record);
    res.on('close', () => {
      record.status = res.statusCode;
      record.serverMs = performance.now() - started;
      record.completed = res.writableFinished;
    });
    if (contentType.startsWith('multipart/form-data'))
      record.form = await readImageEditForm(raw, contentType);
    else if (raw.length > 0) record.body = JSON.parse(raw.toString('utf8')) as unknown;
    if (mode === 'hang') return; // never answers: the client's timeout must fire
    if (failEarly(res, mode, options, state, path, req.headers.origin)) return;
    const model = (record.body as { model?: string } | null)?.model ?? record.form?.model ?? '';
    const models = options.models ?? DEFAULT_MODELS;
    if (mode === 'unknown-model' && !path.endsWith('/models')) {
      return sendJson(
        res,
        404,
        apiError(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      );
    }
    const fail: Fail = (status, message, param = null) =>
      sendJson(res, status, apiError(message, 'invalid_request_error', null, param));
    const stream = {
      delayMs: mode === 'slow-stream' ? (options.delayMs ?? 100) : 0,
      truncate: mode === 'truncated-stream' ? (options.truncate ?? 'drop') : null,
    };
    if (path.endsWith('/models')) {
      const listed = mode === 'unknown-model' ? models.filter((m) => m === 'qwen2.5vl:7b') : models;
      return sendJson(res, 200, {
        object: 'list',
        data: listed.map((id) => ({ id, object: 'model', created: 1767225600, owned_by: 'fake' })),
      });
    }
    if (path.endsWith('/responses')) {
      if (mode === 'chat-only' || mode === 'json-mode-only' || options.noResponses)
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      record.page = await answerResponses(res, record.body, mode, options, stream);
      return;
    }
    if (path.endsWith('/chat/completions')) {
      record.page = await answerChat(res, record.body, mode, options, stream, fail);
      return;
    }
    if (path.endsWith('/images/edits') && record.form) {
      const problem = imageEditProblem(record.form);
      if (problem) return fail(400, problem);
      if (!record.form.stream) return sendJson(res, 200, imageEditBody(record.form, options.picture));
      return writeSse(res, imageEditEvents(record.form, options.picture), stream);
    }
    sendJson(res, 404, apiError(`Unknown path ${path}`, 'invalid_request_error', null));
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res, started).catch((error: Error) => {
      if (!res.headersSent)
        sendJson(res, 500, apiError(`fake server bug: ${error.message}`, 'server_error', null));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    setMode(next, nextOptions = {}) {
      mode = next;
      options = nextOptions;
      state.failed = 0;
    },
    serverMs: () => requests.reduce((sum, r) => sum + r.serverMs, 0),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

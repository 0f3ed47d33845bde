/**
 * The fake planner endpoints: /v1/responses and /v1/chat/completions, streamed or not. Both
 * read the request as a model would (plan.ts), answer for the current mode, and bill usage
 * from what was actually sent: a crude token count of the text and 32 px patches of the images.
 */
import type { ServerResponse } from 'node:http';
import {
  chatChunks,
  chatCompletion,
  responseEvents,
  responseObject,
  type Reply,
  type Usage,
} from '@/test/fake-openai/events';
import {
  countTokens,
  imageTokensOf,
  planText,
  readPage,
  type PlanFault,
  type SeenPage,
} from '@/test/fake-openai/plan';
import type { FakeMode, FakeOptions } from '@/test/fake-openai/modes';
import { writeSse, type StreamShape } from '@/test/fake-openai/sse';

export type Fail = (status: number, message: string, param?: string | null) => void;

type Part = { type?: string; text?: string; image_url?: string | { url?: string } };
type Item = { content?: string | Part[] };

const PLAN_FAULTS: readonly string[] = [
  'unknown-region-ids',
  'invented-text',
  'unsafe-css',
  'weak-plan',
  'css-trick',
  'malformed-json',
  'prompt-injection',
];

function gather(items: readonly Item[], extra: readonly string[] = []) {
  const texts = [...extra];
  const images: string[] = [];
  for (const item of items) {
    if (typeof item.content === 'string') texts.push(item.content);
    for (const part of Array.isArray(item.content) ? item.content : []) {
      if (typeof part.text === 'string') texts.push(part.text);
      const url = typeof part.image_url === 'string' ? part.image_url : part.image_url?.url;
      if (url) images.push(url);
    }
  }
  return { texts, images };
}

function replyFor(page: SeenPage, mode: FakeMode, options: FakeOptions): { reply: Reply; usage: Usage } {
  const reply: Reply =
    mode === 'refusal'
      ? { refusal: 'I can’t help with critiquing this page.' }
      : {
          text: planText(
            page,
            PLAN_FAULTS.includes(mode) ? (mode as PlanFault) : null,
            options.repairFixes ?? true,
            options.cssTrick,
            options.injection,
          ),
        };
  const output = 'text' in reply ? reply.text : reply.refusal;
  return {
    reply,
    usage: { input: countTokens(page.text) + imageTokensOf(page.images), output: countTokens(output) },
  };
}

export async function answerResponses(
  res: ServerResponse,
  body: unknown,
  mode: FakeMode,
  options: FakeOptions,
  shape: StreamShape,
): Promise<SeenPage> {
  const request = body as { model: string; instructions?: string; input: string | Item[]; stream?: boolean };
  const items = typeof request.input === 'string' ? [{ content: request.input }] : request.input;
  const { texts, images } = gather(items, request.instructions ? [request.instructions] : []);
  const page = readPage(texts, images);
  const { reply, usage } = replyFor(page, mode, options);
  if (request.stream) await writeSse(res, responseEvents(request.model, reply, usage), shape);
  else
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(responseObject(request.model, reply, usage)));
  return page;
}

export async function answerChat(
  res: ServerResponse,
  body: unknown,
  mode: FakeMode,
  options: FakeOptions,
  shape: StreamShape,
  fail: Fail,
): Promise<SeenPage> {
  const request = body as {
    model: string;
    messages: Item[];
    stream?: boolean;
    response_format?: { type?: string };
    stream_options?: { include_usage?: boolean };
  };
  const { texts, images } = gather(request.messages);
  const page = readPage(texts, images);
  if (mode === 'json-mode-only' && request.response_format?.type === 'json_schema') {
    fail(
      400,
      'response_format json_schema is not supported by this server; use json_object',
      'response_format',
    );
    return page;
  }
  const { reply, usage } = replyFor(page, mode, options);
  if (request.stream) {
    await writeSse(
      res,
      chatChunks(request.model, reply, usage, request.stream_options?.include_usage === true),
      shape,
    );
  } else {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(chatCompletion(request.model, reply, usage)));
  }
  return page;
}

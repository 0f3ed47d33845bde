/**
 * Wire shapes the fake server speaks, in the order real servers send them: Responses API
 * stream events (response.created → output_item / content_part → output_text deltas → done
 * events → response.completed), Chat Completions chunks, and whole non-streamed bodies. The
 * real SDK's stream accumulators (ResponseStream, ChatCompletionStream) consume them in tests.
 */
export type Reply = { text: string } | { refusal: string };

export interface Usage {
  input: number;
  output: number;
}

export interface SseEvent {
  event: string | null;
  data: unknown;
}

/** Pieces of about `size` characters, the way deltas arrive. */
export function pieces(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const now = () => Math.floor(Date.now() / 1000);

function message(reply: Reply, done: boolean) {
  const part =
    'text' in reply
      ? { type: 'output_text', text: done ? reply.text : '', annotations: [], logprobs: [] }
      : { type: 'refusal', refusal: done ? reply.refusal : '' };
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    status: done ? 'completed' : 'in_progress',
    content: [part],
  };
}

export function responseObject(model: string, reply: Reply | null, usage: Usage | null) {
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: now(),
    status: reply ? 'completed' : 'in_progress',
    model,
    output: reply ? [message(reply, true)] : [],
    usage: usage && {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.input + usage.output,
    },
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
  };
}

export function responseEvents(model: string, reply: Reply, usage: Usage): SseEvent[] {
  const at = { item_id: 'msg_fake', output_index: 0, content_index: 0 };
  const body: Record<string, unknown>[] = [
    { type: 'response.created', response: responseObject(model, null, null) },
    { type: 'response.output_item.added', output_index: 0, item: { ...message(reply, false), content: [] } },
    { type: 'response.content_part.added', ...at, part: message(reply, false).content[0] },
  ];
  if ('text' in reply) {
    for (const delta of pieces(reply.text))
      body.push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
    body.push({ type: 'response.output_text.done', ...at, text: reply.text, logprobs: [] });
  } else {
    for (const delta of pieces(reply.refusal)) body.push({ type: 'response.refusal.delta', ...at, delta });
    body.push({ type: 'response.refusal.done', ...at, refusal: reply.refusal });
  }
  body.push(
    { type: 'response.content_part.done', ...at, part: message(reply, true).content[0] },
    { type: 'response.output_item.done', output_index: 0, item: message(reply, true) },
    { type: 'response.completed', response: responseObject(model, reply, usage) },
  );
  return body.map((data, sequence_number) => ({
    event: data.type as string,
    data: { ...data, sequence_number },
  }));
}

const chatUsage = (usage: Usage) => ({
  prompt_tokens: usage.input,
  completion_tokens: usage.output,
  total_tokens: usage.input + usage.output,
});

export function chatChunks(model: string, reply: Reply, usage: Usage, includeUsage: boolean): SseEvent[] {
  const chunk = (choices: unknown[], extra: object = {}) => ({
    event: null,
    data: { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: now(), model, choices, ...extra },
  });
  const delta = (d: object, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, finish_reason: finish, logprobs: null }]);
  const key = 'text' in reply ? 'content' : 'refusal';
  const text = 'text' in reply ? reply.text : reply.refusal;
  return [
    delta({ role: 'assistant', content: '' }),
    ...pieces(text).map((piece) => delta({ [key]: piece })),
    delta({}, 'stop'),
    ...(includeUsage ? [chunk([], { usage: chatUsage(usage) })] : []),
    { event: null, data: '[DONE]' },
  ];
}

export function chatCompletion(model: string, reply: Reply, usage: Usage) {
  const content = 'text' in reply ? reply.text : null;
  const refusal = 'refusal' in reply ? reply.refusal : null;
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: now(),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal }, finish_reason: 'stop', logprobs: null },
    ],
    usage: chatUsage(usage),
  };
}

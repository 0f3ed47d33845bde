/**
 * The fake server speaks each endpoint the way the real SDK expects: its non-streamed bodies
 * parse with `responses.parse` / `chat.completions.parse`, and its SSE streams go through the
 * SDK's own stream parsers (ResponseStream, ChatCompletionStream, images' Stream) unchanged.
 */
import OpenAI from 'openai';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPlannerPrompt } from '@/utils/background/model/prompt';
import { PlanReply } from '@/utils/background/model/planSchema';
import { CSS_TRAP, HOSTILE_WORDS } from '@/test/fake-openai/injection';
import { encodePng, readPngSize } from '@/test/fake-openai/png';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { MEASURED, modelPage } from '@/test/utils/background/model/fixtures';

let fake: FakeOpenAI;
let client: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode('normal');
  fake.requests.length = 0;
});

const prompt = buildPlannerPrompt({
  regions: modelPage(),
  findings: MEASURED,
  image: {
    dataUrl: `data:image/png;base64,${encodePng(64, 40).toString('base64')}`,
    width: 64,
    height: 40,
    tokens: 4,
    bytes: 0,
    scaled: false,
  },
  viewport: { width: 1280, height: 800 },
});
const userContent = [
  { type: 'input_text' as const, text: prompt.text },
  { type: 'input_image' as const, image_url: prompt.image.dataUrl, detail: 'high' as const },
];

describe('fake OpenAI server', () => {
  it('answers responses.parse (not streamed) with a plan for the regions it was sent', async () => {
    const response = await client.responses.parse({
      model: 'gpt-5.4-mini',
      instructions: prompt.instructions,
      input: [{ role: 'user', content: userContent }],
      text: { format: zodTextFormat(PlanReply, 'restage_plan') },
    });
    const plan = response.output_parsed!;
    expect(plan.blueprint.sections.flatMap((s) => s.regionIds)).toEqual(prompt.contentIds);
    expect(plan.findings.every((f) => f.regionIds.every((id) => prompt.contentIds.includes(id)))).toBe(true);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(fake.requests[0]!.page!.images).toEqual([{ width: 64, height: 40, bytes: expect.any(Number) }]);
  });

  it('streams Responses events the SDK accumulates into the same parsed plan', async () => {
    const stream = client.responses.stream({
      model: 'gpt-5.4-mini',
      input: [{ role: 'user', content: userContent }],
      text: { format: zodTextFormat(PlanReply, 'restage_plan') },
    });
    const types = new Set<string>();
    stream.on('event', (e) => types.add(e.type));
    const final = await stream.finalResponse();
    expect(final.status).toBe('completed');
    expect(final.output_parsed?.blueprint.sections.flatMap((s) => s.regionIds)).toEqual(prompt.contentIds);
    expect([...types]).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('answers chat.completions.parse, streamed and not, with json_schema', async () => {
    const messages = [{ role: 'user' as const, content: prompt.text }];
    const parsed = await client.chat.completions.parse({
      model: 'm',
      messages,
      response_format: zodResponseFormat(PlanReply, 'restage_plan'),
    });
    expect(parsed.choices[0]!.message.parsed?.blueprint.sections.length).toBeGreaterThan(0);
    const streamed = await client.chat.completions
      .stream({
        model: 'm',
        messages,
        response_format: zodResponseFormat(PlanReply, 'restage_plan'),
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    expect(streamed.choices[0]!.message.parsed).toEqual(parsed.choices[0]!.message.parsed);
    expect(streamed.usage?.prompt_tokens).toBe(parsed.usage?.prompt_tokens);
  });

  it('streams partial images as image_edit.partial_image, then image_edit.completed with usage', async () => {
    const image = await toFile(encodePng(1280, 800), 'shot.png', { type: 'image/png' });
    const stream = await client.images.edit({
      model: 'gpt-image-2',
      image,
      prompt: 'same page, clearer',
      size: '1536x960',
      stream: true,
      partial_images: 3,
    });
    const events: { type: string; index?: number }[] = [];
    let final = '';
    for await (const event of stream) {
      if (event.type === 'image_edit.partial_image')
        events.push({ type: event.type, index: event.partial_image_index });
      else {
        events.push({ type: event.type });
        final = event.b64_json;
        expect(event.usage.input_tokens_details.image_tokens).toBe(40 * 25);
      }
    }
    expect(events).toEqual([
      { type: 'image_edit.partial_image', index: 0 },
      { type: 'image_edit.partial_image', index: 1 },
      { type: 'image_edit.partial_image', index: 2 },
      { type: 'image_edit.completed' },
    ]);
    expect(readPngSize(Buffer.from(final, 'base64'))).toEqual({ width: 1536, height: 960 });
  });

  it('answers images.edit without streaming, and refuses what gpt-image-2 refuses', async () => {
    const image = await toFile(encodePng(64, 40), 'shot.png', { type: 'image/png' });
    const result = await client.images.edit({ model: 'gpt-image-2', image, prompt: 'x', size: '1024x1024' });
    expect(result.data?.[0]?.b64_json).toBeTruthy();
    await expect(
      client.images.edit({ model: 'gpt-image-2', image, prompt: 'x', input_fidelity: 'high' }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      client.images.edit({ model: 'gpt-image-2', image, prompt: 'x', size: '1000x1000' }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('records request sizes and its own time, for benchmarks to subtract', async () => {
    fake.setMode('slow-stream', { delayMs: 5 });
    await client.responses
      .stream({ model: 'm', input: [{ role: 'user', content: userContent }] })
      .finalResponse();
    const [request] = fake.requests;
    expect(request!.bytes).toBeGreaterThan(prompt.text.length);
    expect(request!.serverMs).toBeGreaterThan(0);
    expect(fake.serverMs()).toBe(request!.serverMs);
  });

  it('prompt-injection: a reply with the chosen trick and markup in its words; a repair drops the trick, keeps the words', async () => {
    fake.setMode('prompt-injection', { injection: 'url' });
    const ask = async (text: string) => {
      const response = await client.responses.create({
        model: 'gpt-5.4-mini',
        input: [{ role: 'user', content: [{ type: 'input_text', text }] }],
      });
      return PlanReply.parse(JSON.parse(response.output_text));
    };
    const first = await ask(prompt.text);
    const values = first.cssPatch.flatMap((e) => e.declarations.map((d) => d.value));
    expect(values).toContain(`url(${CSS_TRAP}/plain.png)`);
    expect(first.findings.map((f) => f.title)).toEqual(first.findings.map(() => HOSTILE_WORDS.title));
    const repaired = await ask(`${prompt.text}\nYour previous reply failed validation: cssPatch …`);
    expect(JSON.stringify(repaired.cssPatch)).not.toContain(CSS_TRAP);
    expect(repaired.findings[0]?.fix).toBe(HOSTILE_WORDS.fix);
  });
});

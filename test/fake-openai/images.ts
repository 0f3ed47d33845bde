/**
 * The fake `/v1/images/edits`: reads the multipart form the SDK sends (Node's own Request
 * parses it), checks what a real server checks for the GPT image models, and answers with
 * partial images then the final one as SSE (`image_edit.partial_image`, `image_edit.completed`)
 * or as one JSON body.
 */
import { countTokens } from '@/test/fake-openai/plan';
import { encodePng, readPngSize } from '@/test/fake-openai/png';
import type { SseEvent } from '@/test/fake-openai/events';

export interface ImageEditForm {
  model: string;
  prompt: string;
  size: string;
  quality: string;
  stream: boolean;
  partialImages: number;
  inputFidelity: string | null;
  background: string | null;
  /** Each image sent, with its bytes as base64 (for tests that check its pixels). */
  images: { width: number; height: number; bytes: number; type: string; base64: string }[];
}

export async function readImageEditForm(body: Buffer, contentType: string): Promise<ImageEditForm> {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  }).formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  };
  const files = [...form.getAll('image'), ...form.getAll('image[]')].filter(
    (v): v is File => typeof v !== 'string',
  );
  const images = await Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return {
        ...(readPngSize(bytes) ?? { width: 0, height: 0 }),
        bytes: bytes.length,
        type: file.type,
        base64: Buffer.from(bytes).toString('base64'),
      };
    }),
  );
  return {
    model: field('model') ?? '',
    prompt: field('prompt') ?? '',
    size: field('size') ?? 'auto',
    quality: field('quality') ?? 'auto',
    stream: field('stream') === 'true',
    partialImages: Number(field('partial_images') ?? 0),
    inputFidelity: field('input_fidelity'),
    background: field('background'),
    images,
  };
}

const GPT_IMAGE_2 = /^gpt-image-2/;
const FIXED_SIZES = new Set(['1024x1024', '1536x1024', '1024x1536', 'auto']);

/** What a real server would refuse, as a message; null when the request is acceptable. */
export function imageEditProblem(form: ImageEditForm): string | null {
  if (form.images.length === 0) return 'image is required';
  if (form.prompt.length > 32000) return 'prompt is longer than 32000 characters';
  if (GPT_IMAGE_2.test(form.model)) {
    if (form.inputFidelity !== null) return 'input_fidelity is not supported for gpt-image-2';
    if (form.background === 'transparent') return 'transparent background is not supported for gpt-image-2';
    const match = /^(\d+)x(\d+)$/.exec(form.size);
    if (!match) return form.size === 'auto' ? null : `invalid size ${form.size}`;
    const [w, h] = [Number(match[1]), Number(match[2])];
    if (w % 16 || h % 16) return 'size must be multiples of 16';
    if (Math.max(w, h) > 3840 || Math.max(w / h, h / w) > 3) return 'size out of range';
    if (w * h < 655_360 || w * h > 8_294_400) return 'size has too few or too many pixels';
    return null;
  }
  return FIXED_SIZES.has(form.size) ? null : `size must be one of ${[...FIXED_SIZES].join(', ')}`;
}

function sizeOf(form: ImageEditForm) {
  const match = /^(\d+)x(\d+)$/.exec(form.size);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : { width: 1024, height: 1024 };
}

export function imageUsage(form: ImageEditForm) {
  const { width, height } = sizeOf(form);
  const imageTokens = form.images.reduce((n, i) => n + Math.ceil(i.width / 32) * Math.ceil(i.height / 32), 0);
  const textTokens = countTokens(form.prompt);
  const output = Math.ceil((width * height) / 1024);
  return {
    input_tokens: imageTokens + textTokens,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    output_tokens: output,
    total_tokens: imageTokens + textTokens + output,
  };
}

/**
 * Partial images are small previews; the final image has the requested size, or is `picture`
 * when a test supplies one (a rendering of the page's text, to exercise the OCR check).
 */
export function imageEditEvents(form: ImageEditForm, picture?: Buffer): SseEvent[] {
  const { width, height } = sizeOf(form);
  const common = {
    background: 'opaque',
    created_at: Math.floor(Date.now() / 1000),
    output_format: 'png',
    quality: form.quality,
    size: form.size,
  };
  const partials = Array.from({ length: Math.min(3, Math.max(0, form.partialImages)) }, (_, i) => ({
    event: 'image_edit.partial_image',
    data: {
      type: 'image_edit.partial_image',
      b64_json: encodePng(64, 40).toString('base64'),
      partial_image_index: i,
      ...common,
    },
  }));
  const final = {
    event: 'image_edit.completed',
    data: {
      type: 'image_edit.completed',
      b64_json: (picture ?? encodePng(width, height)).toString('base64'),
      usage: imageUsage(form),
      ...common,
    },
  };
  return [...partials, final];
}

export function imageEditBody(form: ImageEditForm, picture?: Buffer) {
  const { width, height } = sizeOf(form);
  return {
    created: Math.floor(Date.now() / 1000),
    data: [{ b64_json: (picture ?? encodePng(width, height)).toString('base64') }],
    usage: imageUsage(form),
  };
}

/**
 * One streamed `images.edit` call: partial images go to the caller as they arrive, the
 * `image_edit.completed` event is returned. The SDK ends an SSE stream quietly when it is
 * aborted (core/streaming.ts, v6.49.0), so the end of the loop is checked: a quiet stream is
 * a timeout, an abort is a cancel, anything else ended before the final image is cut off.
 */
import type OpenAI from 'openai';
import type { ImageEditCompletedEvent, ImageEditParamsStreaming } from 'openai/resources/images';
import { fault, ModelFaultError } from '@/utils/background/model/faults';
import { idleGuard } from '@/utils/background/model/idle';

export interface ImageStreamOptions {
  signal?: AbortSignal;
  onPartial?: (partial: { index: number; b64: string }) => void;
  /** Abort when no event arrives for this long (default 3 minutes: images take a while). */
  idleTimeoutMs?: number;
}

export async function streamImageEdit(
  client: OpenAI,
  params: ImageEditParamsStreaming,
  options: ImageStreamOptions = {},
): Promise<ImageEditCompletedEvent> {
  const guard = idleGuard(options.idleTimeoutMs ?? 180_000, options.signal);
  const quiet = () =>
    new ModelFaultError(fault('timeout', 'The image model stopped sending; the image was abandoned.'));
  try {
    const stream = await client.images.edit(params, { signal: guard.signal });
    for await (const event of stream) {
      guard.touch();
      if (event.type === 'image_edit.completed') return event;
      options.onPartial?.({ index: event.partial_image_index, b64: event.b64_json });
    }
    if (guard.timedOut) throw quiet();
    if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    throw new ModelFaultError(fault('truncated', 'The image stream ended before the final image arrived.'));
  } catch (error) {
    throw guard.timedOut && !(error instanceof ModelFaultError) ? quiet() : error;
  } finally {
    guard.dispose();
  }
}

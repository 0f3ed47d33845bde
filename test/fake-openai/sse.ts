/**
 * Writes server-sent events the way OpenAI's servers do (`event:` then `data:` lines, a blank
 * line between events), optionally slowly, or cut off halfway: dropped like a broken
 * connection, or ended politely before the last events, as a crashed proxy might.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import type { SseEvent } from '@/test/fake-openai/events';

export interface StreamShape {
  delayMs: number;
  truncate: 'drop' | 'end' | null;
}

export async function writeSse(
  res: ServerResponse,
  events: readonly SseEvent[],
  shape: StreamShape,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const cut = shape.truncate ? Math.max(1, Math.floor(events.length / 2)) : events.length;
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return;
    if (i === cut) {
      if (shape.truncate === 'drop') res.destroy();
      else res.end();
      return;
    }
    const { event, data } = events[i]!;
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    // Wait until each event is handed to the socket, so a drop below really comes mid-stream.
    await new Promise<void>((done) =>
      res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`, () => done()),
    );
    if (shape.delayMs > 0) await wait(shape.delayMs);
  }
  res.end();
}

/**
 * "Test connection": one `GET /models` with the settings as entered, answered in a plain
 * sentence. Connected lists the models found and whether the planner model is among them;
 * failures say what to do (a refused key, Ollama's origin rule, an unknown model, no network,
 * a timeout). No retries: the user is waiting for an answer, not for a result.
 */
import { APIError } from 'openai/error';
import type { ConnectionResult, Settings } from '@/utils/core/schemas/settings';
import { createModelClient, type ModelSettings } from '@/utils/background/model/client';
import { toFault } from '@/utils/background/model/toFault';
import { baseUrlOf, PROVIDERS, providerProblems } from '@/utils/core/providers';

export interface ConnectionOptions {
  /** The extension's origin, for the exact OLLAMA_ORIGINS value to set. */
  extensionOrigin?: string;
  signal?: AbortSignal;
  /** Default 10 s: long enough for a sleepy local server, short enough to wait for. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const failure = (kind: string, message: string, models: string[] = []): ConnectionResult => ({
  ok: false,
  kind,
  message,
  models,
});

function hostOf(settings: ModelSettings): string {
  try {
    return new URL(baseUrlOf(settings)).host;
  } catch {
    return baseUrlOf(settings);
  }
}

/**
 * Chromium sends no Origin header on an extension's GET requests, only on POSTs (seen in the
 * options end-to-end test), and Ollama refuses a disallowed Origin before routing. So the
 * model list can succeed while every critique would get 403: a POST with an empty message
 * list settles it without loading a model (any answer but 403 means the origin is allowed).
 */
async function probeOrigin(
  client: ReturnType<typeof createModelClient>,
  model: string,
  signal?: AbortSignal,
) {
  try {
    await client.post('/chat/completions', { body: { model, messages: [], max_tokens: 1 }, signal });
  } catch (error) {
    if (error instanceof APIError && error.status === 403) throw error;
    if (!(error instanceof APIError) || error.status === undefined) throw error;
  }
}

export async function testConnection(
  settings: ModelSettings & Partial<Pick<Settings, 'imageModel'>>,
  options: ConnectionOptions = {},
): Promise<ConnectionResult> {
  const problem = Object.values(providerProblems(settings))[0];
  if (problem) return failure('config', `${problem}.`);
  if (PROVIDERS[settings.provider].needsKey && !settings.apiKey) {
    return failure(
      'config',
      `${PROVIDERS[settings.provider].label} needs an API key. Enter one, then test again.`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const host = hostOf(settings);
  const planner = settings.plannerModel;
  try {
    const client = createModelClient(settings, 'planner', { timeoutMs, fetch: options.fetch });
    const page = await client.models.list({ signal: options.signal });
    const models = page.data.map((m) => m.id).sort();
    if (settings.provider === 'ollama') await probeOrigin(client, planner, options.signal);
    if (settings.provider === 'azure') {
      return {
        ok: true,
        kind: 'connected',
        message: `Connected to ${host}. Azure lists models, not deployments: the deployment “${settings.azureDeployment}” is used on the first critique.`,
        models,
      };
    }
    if (!models.includes(planner)) {
      const offered = models.slice(0, 8).join(', ') || 'none';
      return failure(
        'unknown-model',
        `Connected to ${host}, but it does not offer the planner model “${planner}” (404 unknown model). It offers: ${offered}.`,
        models,
      );
    }
    return {
      ok: true,
      kind: 'connected',
      message: `Connected to ${host}: ${models.length} model${models.length === 1 ? '' : 's'}, including the planner model “${planner}”.`,
      models,
    };
  } catch (error) {
    const fault = toFault(
      error,
      {
        provider: settings.provider,
        model: planner,
        host,
        extensionOrigin: options.extensionOrigin,
        timeoutMs,
        apiKey: settings.apiKey,
      },
      options.signal,
    );
    return failure(fault.kind, fault.message);
  }
}

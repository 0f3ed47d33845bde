/**
 * One place that builds the SDK client for a provider preset. The client lives only in the
 * background (or the CLI): the key never reaches a page or a content script.
 */
import OpenAI, { AzureOpenAI } from 'openai';
import type { Settings } from '@/utils/core/schemas/settings';
import { baseUrlOf } from '@/utils/core/providers';

export type ModelSettings = Pick<
  Settings,
  | 'provider'
  | 'apiKey'
  | 'baseUrl'
  | 'azureEndpoint'
  | 'azureDeployment'
  | 'azureApiVersion'
  | 'plannerModel'
  | 'imageModel'
>;

export type Purpose = 'planner' | 'image';

export interface ClientOptions {
  /** Time allowed until the response headers arrive; streams have their own idle timeout. */
  timeoutMs?: number;
  /** For tests and the CLI: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/** 2 minutes: a local server may load the model from disk before it sends the first byte. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * `maxRetries: 0` on purpose: the SDK's own retry (client.ts `retryRequest`, v6.49.0) sleeps
 * with a timer that ignores the AbortSignal and reports its waits only to its logger, so a
 * cancel during a `retry-after` wait would hang and the user would see nothing. utils/background/model/
 * retry.ts runs one bounded loop instead, with abortable waits shown as progress.
 * `logLevel: 'off'` keeps request details (and so the key) out of every console.
 * `dangerouslyAllowBrowser`: the MV3 service worker looks like a browser to the SDK; the key
 * stays in the extension's own context, which is the mitigation the SDK asks for.
 */
export function createModelClient(settings: ModelSettings, purpose: Purpose, options: ClientOptions = {}) {
  const common = {
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    dangerouslyAllowBrowser: true,
    logLevel: 'off' as const,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (settings.provider === 'azure') {
    // `baseURL` rather than `endpoint`: AzureOpenAI reads OPENAI_BASE_URL from the environment
    // when baseURL is missing and then refuses an endpoint next to it (azure.ts, v6.49.0).
    // A client per purpose, because a deployment routes every call: chat and images/edits
    // go to /openai/deployments/<name>/…, /responses takes the deployment as its model.
    return new AzureOpenAI({
      ...common,
      baseURL: baseUrlOf(settings),
      apiKey: settings.apiKey,
      apiVersion: settings.azureApiVersion,
      deployment: purpose === 'planner' ? settings.azureDeployment : settings.imageModel,
    });
  }
  return new OpenAI({
    ...common,
    baseURL: baseUrlOf(settings),
    // Local servers ignore the key, but the SDK requires one: send a placeholder, never nothing.
    apiKey: settings.apiKey || 'no-key',
  });
}

/** The model name sent in requests: on Azure the deployment, elsewhere the model id. */
export function modelIdFor(settings: ModelSettings, purpose: Purpose): string {
  if (purpose === 'image') return settings.imageModel;
  return settings.provider === 'azure' ? settings.azureDeployment : settings.plannerModel;
}

/**
 * Model settings for the command line: `OPENAI_API_KEY` and `OPENAI_BASE_URL` from the
 * environment, `--model`, `--image-model`, `--no-image` and `--offline` from the flags.
 * Returns null when the critique should stay offline. The key is read here and nowhere else
 * in the CLI, and is never printed: `describeModelSettings` says only whether one is set.
 */
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS, Settings } from '@/utils/core/schemas/settings';

export interface ModelFlags {
  model?: string;
  imageModel?: string;
  noImage?: boolean;
  offline?: boolean;
}

export function settingsFromEnv(
  env: Record<string, string | undefined>,
  flags: ModelFlags = {},
): Settings | null {
  const apiKey = env.OPENAI_API_KEY?.trim() ?? '';
  const baseUrl = env.OPENAI_BASE_URL?.trim() || DEFAULT_BASE_URL;
  if (flags.offline) return null;
  // A custom base URL without a key is a local or compatible server; the default one needs a key.
  const custom = baseUrl !== DEFAULT_BASE_URL;
  if (!apiKey && !custom) return null;
  return Settings.parse({
    ...DEFAULT_SETTINGS,
    provider: custom ? 'compatible' : 'openai',
    apiKey,
    baseUrl,
    plannerModel: flags.model ?? DEFAULT_SETTINGS.plannerModel,
    imageModel: flags.imageModel ?? DEFAULT_SETTINGS.imageModel,
    imageGeneration: !flags.noImage,
  });
}

/** One line for logs: provider, host and models; of the key, only whether there is one. */
export function describeModelSettings(settings: Settings): string {
  const host = new URL(settings.baseUrl).host;
  const key = settings.apiKey ? 'key set' : 'no key';
  const image = settings.imageGeneration ? settings.imageModel : 'no image';
  return `${settings.provider} at ${host}, planner ${settings.plannerModel}, ${image}, ${key}`;
}

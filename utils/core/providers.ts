/**
 * Provider presets: where model calls go, which settings each needs, and what it can do.
 * The options page shows only a preset's fields; the background checks them before any call.
 */
import { DEFAULT_BASE_URL, type Provider, type Settings } from '@/utils/core/schemas/settings';

export interface ProviderPreset {
  label: string;
  /** Base URL filled in when the preset is chosen; null when the preset does not use one. */
  baseUrl: string | null;
  /** Whether the base URL can be edited (local servers and compatible endpoints). */
  editableBaseUrl: boolean;
  /** Whether a key is required; local servers ignore it. */
  needsKey: boolean;
  /** Whether the server offers `/v1/images/edits`. Ollama and LM Studio do not. */
  images: boolean;
  hint: string;
}

export const PROVIDERS: Record<Provider, ProviderPreset> = {
  openai: {
    label: 'OpenAI',
    baseUrl: DEFAULT_BASE_URL,
    editableBaseUrl: false,
    needsKey: true,
    images: true,
    hint: 'Uses api.openai.com with your API key.',
  },
  azure: {
    label: 'Azure OpenAI',
    baseUrl: null,
    editableBaseUrl: false,
    needsKey: true,
    images: true,
    hint: 'Your Azure resource endpoint, a vision-model deployment and an API version.',
  },
  ollama: {
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    editableBaseUrl: true,
    needsKey: false,
    images: false,
    hint: 'Ollama 0.13.3 or later with a vision model pulled. No key needed; on this machine, nothing leaves it.',
  },
  lmstudio: {
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    editableBaseUrl: true,
    needsKey: false,
    images: false,
    hint: 'LM Studio’s local server with a vision model loaded. No key needed.',
  },
  compatible: {
    label: 'OpenAI-compatible',
    baseUrl: null,
    editableBaseUrl: true,
    needsKey: false,
    images: true,
    hint: 'Any server that speaks the OpenAI API (vLLM, llama.cpp, a proxy). The key is optional.',
  },
};

type ModelFields = Pick<
  Settings,
  'provider' | 'apiKey' | 'baseUrl' | 'azureEndpoint' | 'azureDeployment' | 'azureApiVersion'
>;

/** The base URL calls go to: the preset's fixed one, or the one the user entered. */
export function baseUrlOf(settings: ModelFields): string {
  const preset = PROVIDERS[settings.provider];
  if (settings.provider === 'azure') return `${settings.azureEndpoint.replace(/\/+$/, '')}/openai`;
  return preset.editableBaseUrl ? settings.baseUrl : (preset.baseUrl ?? settings.baseUrl);
}

/**
 * Whether a critique should call a model at all. Without a key the OpenAI and Azure presets
 * stay offline; choosing a local or compatible preset is the user's way of asking for one.
 */
export function usesModel(settings: ModelFields): boolean {
  return PROVIDERS[settings.provider].needsKey ? settings.apiKey.length > 0 : true;
}

/** Fields a preset needs that are empty, each with a plain sentence; empty when ready. */
export function providerProblems(settings: ModelFields): Partial<Record<keyof Settings, string>> {
  const problems: Partial<Record<keyof Settings, string>> = {};
  if (settings.provider === 'azure') {
    if (!settings.azureEndpoint) problems.azureEndpoint = 'Azure needs the resource endpoint';
    if (!settings.azureDeployment) problems.azureDeployment = 'Azure needs the name of a deployment';
    if (!settings.azureApiVersion) problems.azureApiVersion = 'Azure needs an API version';
  }
  return problems;
}

import { describe, expect, it } from 'vitest';
import { baseUrlOf, PROVIDERS, providerProblems, usesModel } from '@/utils/core/providers';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';

const s = (o: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...o });

describe('provider presets', () => {
  it('stays offline with the OpenAI or Azure preset and no key; local presets call their server', () => {
    expect(usesModel(s({ provider: 'openai', apiKey: '' }))).toBe(false);
    expect(usesModel(s({ provider: 'openai', apiKey: 'sk-x' }))).toBe(true);
    expect(usesModel(s({ provider: 'azure', apiKey: '' }))).toBe(false);
    expect(usesModel(s({ provider: 'ollama', apiKey: '' }))).toBe(true);
    expect(usesModel(s({ provider: 'lmstudio', apiKey: '' }))).toBe(true);
    expect(usesModel(s({ provider: 'compatible', apiKey: '' }))).toBe(true);
  });

  it('resolves the base URL per preset', () => {
    expect(baseUrlOf(s({ provider: 'openai', baseUrl: 'http://elsewhere/v1' }))).toBe(
      'https://api.openai.com/v1',
    );
    expect(baseUrlOf(s({ provider: 'ollama', baseUrl: 'http://10.0.0.5:11434/v1' }))).toBe(
      'http://10.0.0.5:11434/v1',
    );
    expect(baseUrlOf(s({ provider: 'azure', azureEndpoint: 'https://res.openai.azure.com///' }))).toBe(
      'https://res.openai.azure.com/openai',
    );
    expect(PROVIDERS.ollama.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(PROVIDERS.lmstudio.baseUrl).toBe('http://127.0.0.1:1234/v1');
  });

  it('names each missing Azure field', () => {
    expect(providerProblems(s({ provider: 'azure', azureApiVersion: '' }))).toEqual({
      azureEndpoint: 'Azure needs the resource endpoint',
      azureDeployment: 'Azure needs the name of a deployment',
      azureApiVersion: 'Azure needs an API version',
    });
    expect(providerProblems(s({ provider: 'openai' }))).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { describeModelSettings, settingsFromEnv } from '@/utils/background/model/config';

describe('model settings from the command line', () => {
  it('is offline without a key, and with --offline whatever the key', () => {
    expect(settingsFromEnv({})).toBeNull();
    expect(settingsFromEnv({ OPENAI_API_KEY: 'sk-abc' }, { offline: true })).toBeNull();
  });

  it('reads OPENAI_API_KEY and OPENAI_BASE_URL, and the model flags', () => {
    const settings = settingsFromEnv(
      { OPENAI_API_KEY: 'sk-secret-1234567', OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1' },
      { model: 'gpt-5.4', imageModel: 'gpt-image-1.5', noImage: true },
    );
    expect(settings).toMatchObject({
      provider: 'compatible',
      apiKey: 'sk-secret-1234567',
      baseUrl: 'http://127.0.0.1:4010/v1',
      plannerModel: 'gpt-5.4',
      imageModel: 'gpt-image-1.5',
      imageGeneration: false,
    });
    expect(settingsFromEnv({ OPENAI_API_KEY: 'sk-x' })).toMatchObject({
      provider: 'openai',
      plannerModel: 'gpt-5.4-mini',
      imageModel: 'gpt-image-2',
      imageGeneration: true,
    });
    // A local server needs no key.
    expect(settingsFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toMatchObject({
      provider: 'compatible',
      apiKey: '',
    });
  });

  it('never prints the key', () => {
    const line = describeModelSettings(settingsFromEnv({ OPENAI_API_KEY: 'sk-secret-1234567' })!);
    expect(line).toBe('openai at api.openai.com, planner gpt-5.4-mini, gpt-image-2, key set');
    expect(line).not.toContain('1234567');
  });
});

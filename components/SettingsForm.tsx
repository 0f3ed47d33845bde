import { useEffect, useState, type FormEvent } from 'react';
import { PROVIDERS, providerProblems } from '@/utils/core/providers';
import { loadSettings, maskKey } from '@/utils/extension/settings/storage';
import { sendMessage } from '@/utils/messaging/protocol';
import { Provider, Settings } from '@/utils/core/schemas/settings';
import { TextField, type Errors } from '@/components/settings/fields';
import { ImageSettings } from '@/components/settings/ImageSettings';
import { SpendingCaps } from '@/components/settings/SpendingCaps';
import { TestConnection } from '@/components/settings/TestConnection';
import '@/components/SettingsForm.css';

/** Schema errors and the preset's missing fields, one message per field. */
function problemsOf(draft: Settings): Errors {
  const parsed = Settings.safeParse(draft);
  const errors: Errors = { ...providerProblems(draft) };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof Settings] ??= issue.message;
  }
  return errors;
}

export function SettingsForm() {
  const [draft, setDraft] = useState<Settings | null>(null);
  const [savedKey, setSavedKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [models, setModels] = useState<string[]>([]);

  useEffect(() => {
    void loadSettings().then((settings) => {
      setDraft(settings);
      setSavedKey(settings.apiKey);
      // A stored selector the browser cannot parse is kept (never dropped) and named at once.
      const refused = problemsOf(settings).privateSelectors;
      if (refused) setErrors({ privateSelectors: refused });
    });
  }, []);

  if (!draft) return <p className="muted">Loading settings…</p>;
  const preset = PROVIDERS[draft.provider];
  const azure = draft.provider === 'azure';

  const edit = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(false);
    setErrors((current) => {
      const rest = { ...current };
      delete rest[key];
      return rest;
    });
  };

  /** A preset brings its own base URL; image generation stays off where there is no image endpoint. */
  const choose = (provider: Provider) => {
    const next = PROVIDERS[provider];
    setDraft({
      ...draft,
      provider,
      baseUrl: next.baseUrl ?? draft.baseUrl,
      imageGeneration: next.images && draft.imageGeneration,
    });
    setErrors({});
    setSaved(false);
    setModels([]);
  };

  const check = (): Settings | null => {
    const problems = problemsOf(draft);
    setErrors(problems);
    return Object.keys(problems).length > 0 ? null : Settings.parse(draft);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const privateSelectors = draft.privateSelectors.map((s) => s.trim()).filter(Boolean);
    const problems = problemsOf({ ...draft, privateSelectors });
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      setSaved(false);
      return;
    }
    const result = await sendMessage('saveSettings', { ...draft, privateSelectors });
    if (result.ok) {
      setErrors({});
      setDraft(result.settings);
      setSavedKey(result.settings.apiKey);
      setSaved(true);
    } else {
      setErrors(result.errors);
      setSaved(false);
    }
  };

  const text = (key: 'baseUrl' | 'azureEndpoint' | 'azureDeployment' | 'azureApiVersion' | 'plannerModel') =>
    ({
      name: key,
      value: draft[key],
      error: errors[key],
      onValue: (value: string) => edit(key, value),
    }) as const;

  return (
    <form className="settings" onSubmit={submit} noValidate>
      <fieldset className="settings__group">
        <legend>Model provider</legend>
        <label className="field">
          <span>Provider</span>
          <select name="provider" value={draft.provider} onChange={(e) => choose(e.target.value as Provider)}>
            {Provider.options.map((id) => (
              <option key={id} value={id}>
                {PROVIDERS[id].label}
              </option>
            ))}
          </select>
          <small className="muted">{preset.hint}</small>
        </label>
        {azure && (
          <TextField
            {...text('azureEndpoint')}
            label="Endpoint"
            hint="e.g. https://my-resource.openai.azure.com"
            placeholder="https://…openai.azure.com"
          />
        )}
        {preset.editableBaseUrl && (
          <TextField
            {...text('baseUrl')}
            label="Base URL"
            hint={`e.g. ${preset.baseUrl ?? 'https://my-proxy.example/v1'}`}
          />
        )}
        {draft.provider !== 'ollama' && draft.provider !== 'lmstudio' && (
          <TextField
            name="apiKey"
            label={preset.needsKey ? 'API key' : 'API key (optional)'}
            type="password"
            autoComplete="off"
            placeholder={azure ? 'Azure key' : 'sk-…'}
            value={draft.apiKey}
            error={errors.apiKey}
            onValue={(value) => edit('apiKey', value)}
            hint={
              <span data-testid="saved-key">
                {savedKey
                  ? `Saved key: ${maskKey(savedKey)}`
                  : preset.needsKey
                    ? 'No key saved: the offline engine is used.'
                    : 'No key saved: fine for servers that need none.'}
              </span>
            }
          />
        )}
        {azure && (
          <TextField
            {...text('azureDeployment')}
            label="Deployment"
            hint="The deployment of a vision model that plans the critique"
          />
        )}
        {azure && (
          <TextField {...text('azureApiVersion')} label="API version" hint="e.g. 2025-04-01-preview" />
        )}
        <TextField
          {...text('plannerModel')}
          label={azure ? 'Planner model (of that deployment)' : 'Planner model'}
          hint={
            azure
              ? 'Names the model for prices and reports'
              : 'A vision model that plans the critique and layout'
          }
          list="found-models"
        />
        <datalist id="found-models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <TestConnection key={draft.provider} check={check} onResult={(result) => setModels(result.models)} />
      </fieldset>

      <ImageSettings draft={draft} errors={errors} edit={edit} />
      <SpendingCaps draft={draft} errors={errors} edit={edit} />

      <fieldset className="settings__group">
        <legend>Privacy</legend>
        <label className="field">
          <span>Private selectors</span>
          <textarea
            name="privateSelectors"
            rows={3}
            placeholder=".account-number&#10;#customer-notes"
            value={draft.privateSelectors.join('\n')}
            aria-invalid={Boolean(errors.privateSelectors)}
            onChange={(e) => edit('privateSelectors', e.target.value.split('\n'))}
          />
          <small className="muted">
            One CSS selector a line. Password, payment and one-time-code fields, and anything marked
            data-restage-private, are always masked.
          </small>
          {errors.privateSelectors && <small className="field__error">{errors.privateSelectors}</small>}
        </label>
      </fieldset>

      <div className="settings__actions">
        <button type="submit">Save</button>
        {saved && (
          <span role="status" className="settings__saved">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}

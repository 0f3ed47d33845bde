import { useEffect, useState, type FormEvent } from 'react';
import { loadSettings, maskKey, saveSettings } from '@/utils/settings/storage';
import type { Settings } from '@/utils/schemas';

type Errors = Partial<Record<keyof Settings, string>>;

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

export function SettingsForm() {
  const [draft, setDraft] = useState<Settings | null>(null);
  const [savedKey, setSavedKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void loadSettings().then((settings) => {
      setDraft(settings);
      setSavedKey(settings.apiKey);
    });
  }, []);

  if (!draft) return <p className="muted">Loading settings…</p>;

  const edit = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const privateSelectors = draft.privateSelectors.map((s) => s.trim()).filter(Boolean);
    const invalid = privateSelectors.find((selector) => !isValidSelector(selector));
    if (invalid) {
      setErrors({ privateSelectors: `Not a valid CSS selector: ${invalid}` });
      setSaved(false);
      return;
    }
    const result = await saveSettings({ ...draft, privateSelectors });
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

  const field = (key: 'baseUrl' | 'plannerModel' | 'imageModel', label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        name={key}
        value={draft[key]}
        aria-invalid={Boolean(errors[key])}
        onChange={(e) => edit(key, e.target.value)}
      />
      {hint && <small className="muted">{hint}</small>}
      {errors[key] && <small className="field__error">{errors[key]}</small>}
    </label>
  );

  return (
    <form className="settings" onSubmit={submit} noValidate>
      <label className="field">
        <span>API key</span>
        <input
          name="apiKey"
          type="password"
          autoComplete="off"
          placeholder="sk-…"
          value={draft.apiKey}
          aria-invalid={Boolean(errors.apiKey)}
          onChange={(e) => edit('apiKey', e.target.value)}
        />
        <small className="muted" data-testid="saved-key">
          {savedKey ? `Saved key: ${maskKey(savedKey)}` : 'No key saved: the offline engine is used.'}
        </small>
        {errors.apiKey && <small className="field__error">{errors.apiKey}</small>}
      </label>
      {field('baseUrl', 'Base URL', 'Any OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1')}
      {field('plannerModel', 'Planner model', 'A vision model that plans the critique and layout')}
      {field('imageModel', 'Image model', 'Renders the alternative as an image')}
      <label className="check">
        <input
          name="imageGeneration"
          type="checkbox"
          checked={draft.imageGeneration}
          onChange={(e) => edit('imageGeneration', e.target.checked)}
        />
        <span>Generate an image of the alternative (uses the image model; costs more)</span>
      </label>
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

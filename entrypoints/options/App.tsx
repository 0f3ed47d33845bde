import { SettingsForm } from '@/components/SettingsForm';

export function App() {
  return (
    <main className="panel options">
      <h1>Restage settings</h1>
      <p className="muted">
        Without a key, Restage runs on its built-in measurement engine. An OpenAI or OpenAI-compatible
        endpoint upgrades the critique and the mockup. The key stays in this browser’s local storage and is
        sent only to the base URL below.
      </p>
      <SettingsForm />
    </main>
  );
}

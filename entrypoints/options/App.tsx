import { SettingsForm } from '@/components/SettingsForm';

export function App() {
  return (
    <main className="panel options">
      <h1>Restage settings</h1>
      <p className="muted">
        Without a model, Restage runs on its built-in measurement engine. OpenAI, Azure OpenAI or a local
        server (Ollama, LM Studio, any OpenAI-compatible endpoint) adds a vision model’s critique and a
        generated image of the next state. The key stays in this browser’s local storage, is never synced, and
        is sent only to the provider below.
      </p>
      <SettingsForm />
    </main>
  );
}

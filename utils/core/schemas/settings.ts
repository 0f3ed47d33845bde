/** Settings: the provider, the key, budgets and private selectors. */
import { z } from 'zod';
import { privateSelectorProblem } from '@/utils/core/privateSelector';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where model calls go. Each preset fixes the client and which fields the options page shows. */
export const Provider = z.enum(['openai', 'azure', 'ollama', 'lmstudio', 'compatible']);

export type Provider = z.infer<typeof Provider>;

export const ImageQuality = z.enum(['low', 'medium', 'high', 'auto']);

export type ImageQuality = z.infer<typeof ImageQuality>;

const Usd = (max: number, label: string) =>
  z
    .number({ error: `${label} must be a number of US dollars` })
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} is at most $${max}`);

/** A CSS selector whose matches are masked; one the browser cannot parse is refused by name. */
export const PrivateSelector = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((selector, ctx) => {
    const problem = privateSelectorProblem(selector);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Settings = z.object({
  provider: Provider,
  /** Empty means "no key": with the OpenAI or Azure preset everything runs on the built-in engine. */
  apiKey: z.string().trim().max(400),
  baseUrl: z.url({ protocol: /^https?$/, error: 'Base URL must be an http(s) URL' }),
  /** Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com */
  azureEndpoint: z.union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'Azure endpoint must be an http(s) URL' }),
  ]),
  /** The Azure deployment that plans (a vision model); the image model field names the image deployment. */
  azureDeployment: z.string().trim().max(100),
  azureApiVersion: z.string().trim().max(40),
  plannerModel: z.string().trim().min(1, 'Planner model is required').max(100),
  imageModel: z.string().trim().min(1, 'Image model is required').max(100),
  imageQuality: ImageQuality,
  imageGeneration: z.boolean(),
  /** Spending caps in USD; an estimate above either is refused before anything is sent. */
  capPerCritiqueUsd: Usd(100, 'Cap per critique'),
  capPerDayUsd: Usd(1000, 'Cap per day'),
  /** Extra CSS selectors whose content is masked before any pixels or text leave the page. */
  privateSelectors: z.array(PrivateSelector).max(50),
});

export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  provider: 'openai',
  apiKey: '',
  baseUrl: DEFAULT_BASE_URL,
  azureEndpoint: '',
  azureDeployment: '',
  azureApiVersion: '2025-04-01-preview',
  plannerModel: 'gpt-5.4-mini',
  imageModel: 'gpt-image-2',
  imageQuality: 'medium',
  imageGeneration: false,
  capPerCritiqueUsd: 0.25,
  capPerDayUsd: 2,
  privateSelectors: [],
};

/** The answer to "Test connection": a plain sentence, and the models the server listed. */
export const ConnectionResult = z.object({
  ok: z.boolean(),
  /** `connected`, or the fault kind (`bad-key`, `forbidden`, `unknown-model`, `network`, `timeout`, …). */
  kind: z.string(),
  message: z.string(),
  models: z.array(z.string()),
});

export type ConnectionResult = z.infer<typeof ConnectionResult>;

import { PROVIDERS } from '@/utils/core/providers';
import { ImageQuality } from '@/utils/core/schemas/settings';
import { TextField, type SectionProps } from '@/components/settings/fields';

const QUALITY_LABELS: Record<ImageQuality, string> = {
  low: 'Low (cheapest)',
  medium: 'Medium',
  high: 'High',
  auto: 'Auto (priced as high)',
};

/** Image generation on or off, the image model (on Azure, its deployment) and quality. */
export function ImageSettings({ draft, errors, edit }: SectionProps) {
  const preset = PROVIDERS[draft.provider];
  return (
    <fieldset className="settings__group">
      <legend>Generated image</legend>
      <label className="check">
        <input
          name="imageGeneration"
          type="checkbox"
          checked={draft.imageGeneration}
          disabled={!preset.images}
          onChange={(e) => edit('imageGeneration', e.target.checked)}
        />
        <span>
          {preset.images
            ? 'Draw the next state as an image (a plan to check, not a fact; costs more)'
            : `${preset.label} has no image endpoint: the alternative stays an HTML mockup`}
        </span>
      </label>
      {preset.images && (
        <>
          <TextField
            name="imageModel"
            label={draft.provider === 'azure' ? 'Image deployment' : 'Image model'}
            hint="The default, gpt-image-2, draws at the viewport’s own aspect ratio"
            value={draft.imageModel}
            error={errors.imageModel}
            onValue={(value) => edit('imageModel', value)}
          />
          <label className="field">
            <span>Image quality</span>
            <select
              name="imageQuality"
              value={draft.imageQuality}
              onChange={(e) => edit('imageQuality', e.target.value as ImageQuality)}
            >
              {ImageQuality.options.map((q) => (
                <option key={q} value={q}>
                  {QUALITY_LABELS[q]}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </fieldset>
  );
}

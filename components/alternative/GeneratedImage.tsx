import { GENERATED_LABEL } from '@/utils/core/constants';
import type { Draft } from '@/utils/core/schemas/record';
import { useArtifactUrl } from '@/components/focus/useArtifactUrl';
import { useRegionFocus } from '@/components/focus/RegionFocus';

/**
 * The image model's picture of the next state, labelled as generated wherever it is shown,
 * with the OCR check of its text: the words it lost or invented, and the regions whose text it
 * lost (numbered, so they can be found on the page).
 */
export function GeneratedImage({ draft }: { draft: Draft }) {
  const src = useArtifactUrl(draft.image);
  const { hover, select } = useRegionFocus();
  const check = draft.imageCheck;
  if (!draft.image) return null;
  return (
    <section className="generated" aria-label="Generated image" data-testid="generated-image">
      <figure className="generated">
        {src && <img src={src} alt={`Image of the next state, ${GENERATED_LABEL}`} />}
        <figcaption>{GENERATED_LABEL}</figcaption>
      </figure>
      {check && (
        <div data-testid="image-check" className={check.pass ? '' : 'image-check--fail'}>
          <p>
            Text in the image: {check.foundWords} of {check.expectedWords} words found. {check.reason}
          </p>
          {check.missing.length > 0 && <p>Missing: {check.missing.slice(0, 40).join(', ')}</p>}
          {check.invented.length > 0 && <p>Invented: {check.invented.slice(0, 40).join(', ')}</p>}
          {check.lostRegionIds.length > 0 && (
            <p>
              Regions whose text the image lost:{' '}
              {check.lostRegionIds.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="badge badge--lost"
                  onMouseEnter={() => hover(id)}
                  onMouseLeave={() => hover(null)}
                  onClick={() => select(id)}
                  aria-label={`Region ${id.slice(1)} lost text`}
                >
                  {id.slice(1)}
                </button>
              ))}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { readArtifact } from '@/utils/extension/history/read';
import type { ArtifactRef } from '@/utils/core/schemas/record';

/**
 * An image or document the background saved, read straight from IndexedDB (same extension
 * origin), never shipped through a message: as an object URL (images) or as text (HTML for a
 * `srcdoc`). Null while loading or when the artifact could not be saved.
 */
function useArtifact(ref: ArtifactRef | null | undefined, as: 'url' | 'text'): string | null {
  const [loaded, setLoaded] = useState<{ id: string; value: string } | null>(null);
  const id = ref?.stored ? `${ref.id}#${ref.version ?? 0}` : null;
  useEffect(() => {
    if (!id) return;
    let objectUrl: string | null = null;
    let live = true;
    void readArtifact(id.slice(0, id.lastIndexOf('#'))).then(async (blob) => {
      if (!live || !blob) return;
      if (as === 'text') return setLoaded({ id, value: await blob.text() });
      objectUrl = URL.createObjectURL(blob);
      setLoaded({ id, value: objectUrl });
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id, as]);
  return loaded && loaded.id === id ? loaded.value : null;
}

export const useArtifactUrl = (ref: ArtifactRef | null | undefined) => useArtifact(ref, 'url');
export const useArtifactText = (ref: ArtifactRef | null | undefined) => useArtifact(ref, 'text');

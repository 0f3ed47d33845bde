import { useCallback, useEffect, useState } from 'react';
import { lockedKeys, setLocked, watchLocks } from '@/utils/extension/settings/locks';

/**
 * The regions of a page the user keeps as they are, by region key, and the toggle that keeps
 * one (or lets it go). Saved per page, so the next critique and every preview honour them.
 */
export function useLocks(url: string | null) {
  const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!url) return;
    let live = true;
    void lockedKeys(url).then((found) => live && setKeys(found));
    const unwatch = watchLocks(url, (found) => live && setKeys(found));
    return () => {
      live = false;
      unwatch();
    };
  }, [url]);
  const toggle = useCallback(
    async (key: string) => {
      if (!url) return;
      setKeys(await setLocked(url, key, !keys.has(key)));
    },
    [url, keys],
  );
  return { keys, toggle };
}

/**
 * Bundled by scripts/bench/history.ts and run in an extension page, so the history benchmark
 * times Restage's own store code against the browser's real IndexedDB.
 */
import '@/scripts/bench/jitless';
import { getRecord, listHistory, readArtifact } from '@/utils/extension/history/read';
import { saveArtifact, saveRecord } from '@/utils/background/history/store';

Object.assign(globalThis, { restageHistory: { saveRecord, saveArtifact, getRecord, readArtifact, listHistory } });

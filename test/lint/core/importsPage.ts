// Refused: core runs anywhere, so it imports no context's code and no extension API.
import { browser } from 'wxt/browser';
import { extractRegions } from '@/utils/page/regions/extract';
import { blobToDataUrl } from '../../../utils/core/dataUrl';

export const refused = [browser, extractRegions, blobToDataUrl];

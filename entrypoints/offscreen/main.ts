import { serveOcr } from '@/utils/ocr/document';

// A hidden page the background opens on demand to read text in generated images.
serveOcr();

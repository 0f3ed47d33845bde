import { onMessage } from '@/utils/messaging';
import { serveOcr } from '@/utils/ocr/document';
import { layOutMockup } from '@/utils/render/mockupLayout';

// A hidden page the background opens on demand to read text in generated images, and to lay
// out HTML mockups to measure them.
serveOcr();
onMessage('layoutMockup', ({ html, viewport }) => layOutMockup(html, viewport));

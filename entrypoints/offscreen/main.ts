import { onMessage } from '@/utils/messaging/protocol';
import { serveOcr } from '@/utils/offscreen/ocr/document';
import { layOutMockup } from '@/utils/core/render/mockupLayout';

// A hidden page the background opens on demand to read text in generated images, and to lay
// out HTML mockups to measure them.
serveOcr();
onMessage('layoutMockup', ({ html, viewport }) => layOutMockup(html, viewport));

/**
 * The mockup as a PNG, drawn in the panel: the saved mockup (inert HTML, every image a data URL)
 * is laid out at the page's viewport width in a hidden frame that may run no script
 * (`sandbox="allow-same-origin"`, so the panel can read its DOM), and html2canvas draws it, as
 * the DOM render capture mode draws pages (utils/page/capture/domRender.ts). The CLI's `mockup.png`
 * is a screenshot by the browser itself; this one is html2canvas's drawing of the same document.
 */
export async function mockupPng(html: string, width: number, height: number): Promise<Blob> {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Off screen rather than hidden: a frame that is not rendered lays nothing out to draw.
  frame.style.cssText = `position: fixed; left: -${width + 100}px; top: 0; width: ${width}px; height: ${height}px; border: 0;`;
  const loaded = new Promise<void>((resolve) =>
    frame.addEventListener('load', () => resolve(), { once: true }),
  );
  frame.srcdoc = html;
  document.body.append(frame);
  try {
    await loaded;
    const doc = frame.contentDocument;
    if (!doc) throw new Error('the mockup could not be laid out');
    await doc.fonts.ready;
    const { default: html2canvas } = await import('html2canvas');
    const root = doc.documentElement;
    const canvas = await html2canvas(root, {
      logging: false,
      scale: 1,
      windowWidth: width,
      windowHeight: height,
      width,
      height: Math.max(height, root.scrollHeight),
    });
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the drawing was empty'))),
        'image/png',
      ),
    );
  } finally {
    frame.remove();
  }
}

import { useWidth } from '@/components/focus/useWidth';

/** The frame's height in the panel, in panel pixels. */
const SHOWN_HEIGHT = 480;

/**
 * The HTML mockup at the page's own viewport width, scaled down to the panel's: laid out at the
 * panel's 360 px the page's media queries would answer with its narrow layout, and the mockup
 * would no longer show the structure it was measured with.
 */
export function MockupFrame({ html, pageWidth }: { html: string; pageWidth: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const scale = width > 0 && pageWidth > 0 ? Math.min(1, width / pageWidth) : 1;
  return (
    <div ref={ref} className="alternative__viewport" style={{ height: SHOWN_HEIGHT }}>
      <iframe
        className="alternative__frame"
        srcDoc={html}
        sandbox=""
        title="HTML mockup of the clearer alternative"
        style={{
          width: pageWidth > 0 ? pageWidth : '100%',
          height: SHOWN_HEIGHT / scale,
          transform: `scale(${scale})`,
        }}
      />
    </div>
  );
}

import type { Region, Shot } from '../../utils/schemas';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An HTML page showing the shot at its pixel size with the numbered region boxes on top. */
export function annotatedHtml(shot: Shot, regions: readonly Region[]): string {
  const scale = shot.width / shot.area.width;
  const boxes = regions
    .filter((r) => r.box.y < shot.area.y + shot.area.height && r.box.y + r.box.height > shot.area.y)
    .map((r) => {
      const style = `left:${(r.box.x - shot.area.x) * scale}px;top:${(r.box.y - shot.area.y) * scale}px;width:${r.box.width * scale}px;height:${r.box.height * scale}px`;
      return `<div class="box" style="${style}" title="${escape(`${r.id} ${r.kind}`)}"><span>${escape(r.id.slice(1))}</span></div>`;
    })
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0}#shot{position:relative;width:${shot.width}px;height:${shot.height}px}
#shot img{display:block;width:100%;height:100%}
.box{position:absolute;box-sizing:border-box;border:2px solid rgba(59,91,219,.9);border-radius:3px}
.box span{position:absolute;top:-2px;left:-2px;padding:1px 4px;background:#3b5bdb;color:#fff;font:600 11px/16px sans-serif;border-radius:3px 0 3px 0}
</style></head><body><div id="shot"><img src="${shot.dataUrl}" alt="">${boxes}</div></body></html>`;
}

import { BADGE_CSS_VARS } from '@/utils/core/render/badges';

/**
 * The report's stylesheet, inline because the report loads nothing. Badges use the palette of
 * the overlay, the panel and `annotated.png` (utils/core/render/badges.ts), so a number on the
 * screenshot reads the same in the text.
 */
export const REPORT_CSS = `
:root { ${BADGE_CSS_VARS} color-scheme: light; font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0; }
main { max-width: 960px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 28px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 40px 0 12px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 0 0 4px; }
code { font: 13px/1.4 ui-monospace, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
ul { padding-left: 20px; }
li { margin: 4px 0; }
.caveat { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
.quiet { color: #59636e; }
.score strong { font-size: 40px; }
.finding { border-left: 4px solid #d0d7de; padding: 4px 12px; margin: 12px 0; }
.finding p { margin: 4px 0; }
.finding.critical { border-color: #cf222e; }
.finding.major { border-color: #bc4c00; }
.finding.minor { border-color: #9a6700; }
.finding.info { border-color: #0969da; }
.meta { color: #59636e; font-size: 13px; }
.badge { display: inline-block; min-width: 18px; padding: 1px 4px; border-radius: 3px; background: var(--restage-mark); color: var(--restage-mark-text); font: 600 12px/16px system-ui, sans-serif; text-align: center; }
.pass { color: #1a7f37; font-weight: 600; }
.fail { color: #cf222e; font-weight: 600; }
.shot { display: block; max-width: 100%; border: 1px solid #d0d7de; margin: 8px 0; }
figure { margin: 8px 0; }
figcaption { color: #59636e; font-size: 13px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@media (max-width: 640px) { .pair { grid-template-columns: 1fr; } }
.why { font-style: italic; }
.fix { background: #dafbe1; border-radius: 4px; padding: 4px 8px; }
details { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
tfoot th, tfoot td { background: #f6f8fa; }
`;

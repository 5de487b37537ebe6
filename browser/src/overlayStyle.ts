// The overlay's styles, inside its shadow root: the page's CSS cannot reach them and they cannot reach the page.
export const OVERLAY_CSS = `
:host { all: initial; }
.field { position: fixed; inset: 0; pointer-events: none; }
.mirror { position: fixed; visibility: hidden; overflow: hidden; white-space: pre-wrap; overflow-wrap: break-word; word-wrap: break-word; border: 0; margin: 0; }
.underline { position: fixed; height: 3px; pointer-events: none; background-repeat: repeat-x; background-size: 6px 3px; }
.underline.error { background-image: linear-gradient(135deg, transparent 45%, #b3261e 45%, #b3261e 70%, transparent 70%), linear-gradient(45deg, transparent 45%, #b3261e 45%, #b3261e 70%, transparent 70%); }
.underline.warning { background-image: linear-gradient(135deg, transparent 45%, #c25e00 45%, #c25e00 70%, transparent 70%), linear-gradient(45deg, transparent 45%, #c25e00 45%, #c25e00 70%, transparent 70%); }
.underline.information { border-bottom: 2px solid #1a5fb4; height: 1px; }
.underline.hint { border-bottom: 2px dotted #5e5c64; height: 1px; }
.card { position: fixed; pointer-events: auto; box-sizing: border-box; max-height: 70vh; overflow: auto; background: #fff; color: #1d1d1f; border: 1px solid #8a8a8f; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 14px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.card[hidden] { display: none; }
.card p { margin: 0 0 8px; }
.card .rule { font-size: 12px; color: #55555a; text-transform: uppercase; letter-spacing: .03em; }
.card .message { font-weight: 600; }
.card .why { color: #333; }
.card .label { font-size: 12px; color: #55555a; margin-bottom: 2px; }
.card .sources { margin: 0 0 10px; padding-left: 18px; font-size: 12.5px; }
.card a { color: #0b57d0; }
.card .rewrites { display: flex; flex-direction: column; gap: 4px; margin-bottom: 10px; }
.card button { font: inherit; text-align: left; cursor: pointer; border-radius: 6px; border: 1px solid #b9b9bf; background: #f5f5f7; color: #1d1d1f; padding: 4px 8px; }
.card button.rewrite { border-color: #2e7d32; background: #eef7ee; }
.card button:focus-visible, .card a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 1px; }
.card .actions { display: flex; gap: 8px; }
`;

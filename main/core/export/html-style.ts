// The exported HTML file's styles (inlined: the file must read offline), light and dark, with
// highlight.js token colours.
export const EXPORT_CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1d1f; --muted: #6e6e73; --bubble: #f0f0f3; --line: #d9d9de; --code: #f6f8fa; --note: #fff8e1; --err: #fdecea; }
@media (prefers-color-scheme: dark) { :root { --bg: #1c1c1e; --fg: #f2f2f7; --muted: #a1a1a6; --bubble: #2c2c2e; --line: #3a3a3c; --code: #242426; --note: #3a3220; --err: #3d2222; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 24px 20px 64px; }
header h1 { font-size: 22px; margin: 0 0 4px; }
.meta, .who, .label { color: var(--muted); font-size: 12px; }
.msg { margin: 18px 0; }
.msg.user { display: flex; flex-direction: column; align-items: flex-end; }
.msg.user .bubble { max-width: 85%; padding: 9px 14px; border-radius: 16px; background: var(--bubble); white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.assistant.commentary { color: var(--muted); }
.cut { color: var(--muted); font-style: italic; }
.attached { color: var(--muted); font-size: 13px; margin: 4px 0 0; text-align: end; }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; overflow-x: auto; }
code { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:not(pre) > code { background: var(--code); padding: 1px 4px; border-radius: 4px; }
details { border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; margin: 10px 0; }
summary { cursor: pointer; color: var(--muted); }
aside { border-radius: 8px; padding: 8px 12px; margin: 10px 0; }
aside.notice { background: var(--note); }
aside.error { background: var(--err); }
hr.compacted { border: 0; border-top: 1px dashed var(--line); margin: 24px 0 4px; }
p.compacted { text-align: center; color: var(--muted); font-size: 12px; margin: 0 0 18px; }
.sources { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; } td, th { border: 1px solid var(--line); padding: 4px 8px; }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in { color: #cf222e; }
.hljs-string, .hljs-attr, .hljs-template-string { color: #0a3069; }
.hljs-comment { color: #6e7781; font-style: italic; }
.hljs-number, .hljs-literal { color: #0550ae; }
.hljs-title, .hljs-function .hljs-title, .hljs-title.function_ { color: #8250df; }
.hljs-type, .hljs-class .hljs-title { color: #953800; }
@media (prefers-color-scheme: dark) {
  .hljs-keyword, .hljs-selector-tag, .hljs-built_in { color: #ff7b72; }
  .hljs-string, .hljs-attr, .hljs-template-string { color: #a5d6ff; }
  .hljs-comment { color: #8b949e; }
  .hljs-number, .hljs-literal { color: #79c0ff; }
  .hljs-title, .hljs-function .hljs-title, .hljs-title.function_ { color: #d2a8ff; }
  .hljs-type, .hljs-class .hljs-title { color: #ffa657; }
}
`

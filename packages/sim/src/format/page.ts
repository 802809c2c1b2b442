// The frontend's page: an empty CRA shell that a script fills in after a moment, like the React bundle does.

/** How long the page stays empty after load: long enough that a reader must wait for it, short enough to poll once. */
export const RENDER_MS = 100
export const MISSING = '(₌ ᵕ̣̣̣̣̣ ᆽ ᵕ̣̣̣̣̣₌)'

export type PageValues = { username?: string; company?: string; containerName: string; containerIp: string }

export function pageHtml(v: PageValues): string {
  const lines = [
    'Hi there!',
    `Container was started by user: ${v.username || MISSING}`,
    `Container was started by company: ${v.company || MISSING}`,
    `Container name is: ${v.containerName || MISSING}`,
    `Container was started with IP: ${v.containerIp || MISSING}`,
  ]
  // JSON inside <script>: escape "<" so a value can never close the tag.
  const data = JSON.stringify(lines).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><title>React App</title></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div><script>(function(){var lines=${data};setTimeout(function(){var root=document.getElementById("root");var app=document.createElement("div");app.className="App";var header=document.createElement("header");header.className="App-header";lines.forEach(function(t){var p=document.createElement("p");p.textContent=t;header.appendChild(p)});app.appendChild(header);root.appendChild(app);console.log("If you see this (₌ ᵕ̣̣̣̣̣ ᆽ ᵕ̣̣̣̣̣₌) on the page, you did something wrong")},${RENDER_MS})})()</script></body></html>`
}

// PDF reader of the attachment viewer (C 0103 6.1 c). Loaded only by the
// PDF viewer page. pdf.js draws each page on a canvas as wide as the
// column (sharp on high-density screens); the canvas is an image named
// "第 n 页" and the page's text follows it in a <details>, so a screen
// reader reads the words. Without JavaScript, or when the file cannot be
// read, the page keeps its message and download link.
const root = document.querySelector("[data-zw-pdf]");
const MAX_PAGES = 50;

if (root) {
  run(root).catch(() => fail(root));
}

function fail(root) {
  root.querySelector("[data-zw-pdf-status]").textContent = root.dataset.failed;
  root.classList.add("zw-viewer--failed");
}

async function run(root) {
  const base = root.dataset.base;
  const status = root.querySelector("[data-zw-pdf-status]");
  const pages = root.querySelector("[data-zw-pdf-pages]");
  status.textContent = root.dataset.loading;
  const pdfjs = await import(base + "pdf.min.mjs");
  pdfjs.GlobalWorkerOptions.workerSrc = base + "pdf.worker.min.mjs";
  const doc = await pdfjs.getDocument({
    url: root.dataset.src,
    cMapUrl: base + "cmaps/",
    cMapPacked: true,
    disableRange: true,
    disableStream: true,
    useSystemFonts: true,
    isEvalSupported: false,
  }).promise;
  const count = Math.min(doc.numPages, MAX_PAGES);
  const width = Math.max(pages.clientWidth, 280);
  const ratio = window.devicePixelRatio || 1;
  for (let n = 1; n <= count; n++) {
    const page = await doc.getPage(n);
    const scale = width / page.getViewport({ scale: 1 }).width;
    const viewport = page.getViewport({ scale: scale * ratio });
    const fig = document.createElement("figure");
    fig.className = "zw-viewer__page";
    const canvas = document.createElement("canvas");
    canvas.className = "zw-viewer__canvas";
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", root.dataset.pageLabel.replace("%d", n).replace("%d", doc.numPages));
    fig.append(canvas);
    pages.append(fig);
    await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
    const content = await page.getTextContent();
    const text = content.items.map((i) => i.str + (i.hasEOL ? "\n" : "")).join("").trim();
    if (text) {
      const details = document.createElement("details");
      details.className = "zw-details zw-viewer__text";
      const summary = document.createElement("summary");
      summary.className = "zw-details__summary";
      const label = document.createElement("span");
      label.className = "zw-details__summary-text";
      label.textContent = root.dataset.textLabel.replace("%d", n);
      summary.append(label);
      const body = document.createElement("p");
      body.className = "zw-details__text zw-viewer__text-body";
      body.textContent = text;
      details.append(summary, body);
      fig.append(details);
    }
  }
  root.classList.add("zw-viewer--ready");
  status.textContent = root.dataset.loaded.replace("%d", doc.numPages);
}

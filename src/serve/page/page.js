'use strict';
// Without this script the form still posts to /v1/report and the browser shows the report as a
// page. With it, files can be dropped and added in several rounds, the report is shown below the
// form (in a sandboxed frame: the report runs no script), and errors are shown with the
// server's message.
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const postingFile = $('posting-file');
  const resumeFiles = $('resume-files');
  const list = $('resume-list');
  const clear = $('clear-files');
  const submit = $('submit');
  const status = $('status');
  const error = $('error');
  const result = $('result');
  const frame = $('report');
  const download = $('download');
  let chosen = [];
  let blobUrl = null;

  const size = (n) => n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1048576).toFixed(1)} MB`;
  const key = (f) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;

  // A file input's list can only be replaced: every file chosen so far goes back in at once.
  function setFiles(input, files) {
    const dt = new DataTransfer();
    files.forEach((f) => dt.items.add(f));
    input.files = dt.files;
  }

  function showFiles() {
    list.replaceChildren(...chosen.map((f) => {
      const li = document.createElement('li');
      li.textContent = `${f.name} (${size(f.size)})`;
      return li;
    }));
    clear.hidden = chosen.length === 0;
  }

  function addResumes(files) {
    const seen = new Set(chosen.map(key));
    chosen = chosen.concat(files.filter((f) => !seen.has(key(f))));
    setFiles(resumeFiles, chosen);
    showFiles();
  }

  resumeFiles.addEventListener('change', () => addResumes(Array.from(resumeFiles.files)));
  clear.addEventListener('click', () => {
    chosen = [];
    setFiles(resumeFiles, chosen);
    showFiles();
    resumeFiles.focus();
  });

  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

  // Dropped files go into the zone's file input; dropped text is left to the text areas.
  function dropZone(zone, take) {
    zone.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      zone.classList.remove('over');
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      take(Array.from(e.dataTransfer.files));
    });
  }
  dropZone($('posting-zone'), (files) => setFiles(postingFile, files.slice(0, 1)));
  dropZone($('resumes-zone'), addResumes);
  // A file dropped beside the zones must not replace the page (and the form) with itself.
  document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  document.addEventListener('drop', (e) => { if (hasFiles(e)) e.preventDefault(); });

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
    status.textContent = 'The report could not be made.';
  }

  function show(html) {
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    download.href = blobUrl;
    frame.srcdoc = html;
    result.hidden = false;
  }

  // The frame shares this page's origin (but runs no script), so it can be sized to its report.
  frame.addEventListener('load', () => {
    const doc = frame.contentDocument;
    if (!doc || !doc.documentElement || !frame.srcdoc) return;
    frame.style.height = `${doc.documentElement.scrollHeight + 24}px`;
    // The frame is as tall as its report, so its own links to a document's section would
    // scroll nothing: this page scrolls to the section instead.
    doc.addEventListener('click', (e) => {
      const link = e.target.closest && e.target.closest('a[href^="#"]');
      const target = link && doc.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView();
    });
    $('result-title').focus();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const count = chosen.length + ($('resume-text').value.trim() ? 1 : 0);
    status.textContent = `Scoring ${count} resume${count === 1 ? '' : 's'}…`;
    try {
      const res = await fetch(form.action, { method: 'POST', body: new FormData(form) });
      const type = res.headers.get('content-type') || '';
      if (res.ok && type.startsWith('text/html')) {
        show(await res.text());
        status.textContent = 'Done: the report is below.';
      } else {
        let message = `${res.status} ${res.statusText}`;
        const body = await res.text();
        try {
          const json = JSON.parse(body);
          if (json && typeof json.message === 'string') message = json.message;
        } catch (_) {
          if (body.trim()) message = body.trim();
        }
        fail(message);
      }
    } catch (err) {
      fail(`The rolefit server did not answer (is rolefit serve still running?): ${err.message}`);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
})();

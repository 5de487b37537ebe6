// The content script, injected only on sites the user switched Heard on for. It finds text areas
// and rich-text editors (also inside same-origin iframes), sends their text to the service worker
// for analysis, and draws underlines in an overlay (a shadow root outside the field): the page's
// DOM content and the text it submits are never changed, except when the user picks a rewrite,
// which is typed into the field the way the user would type it.
import { buildTextMap, offsetOf, pointAt, type Piece, type TextMap } from './core/textMap';
import { ignoreKey, nextFinding, shiftFindings, shownFindings, stillApplies, type Card, type PageFinding } from './core/findings';
import { PORT_NAME, SETTINGS_KEY, type PageToWorker, type WorkerToPage } from './protocol';
import { OVERLAY_CSS } from './overlayStyle';

declare global {
  // Set in the content script's isolated world: a second injection (popup "check this site" on a
  // page the registered script already reached) must not attach twice.
  // eslint-disable-next-line no-var
  var heardContentLoaded: boolean | undefined;
}

/** A field Heard checks: a textarea, or the root of a contenteditable region. */
interface Field {
  id: string;
  element: HTMLElement;
  doc: Document;
  win: Window;
  kind: 'textarea' | 'rich';
  /** The text the findings are for, and the findings (engine offsets into that text). */
  text: string;
  findings: PageFinding[];
  /** The rich field's text map for `text` (text nodes ↔ offsets). */
  map?: TextMap<Text>;
  seq: number;
  inFlight: boolean;
  dirty: boolean;
  /** An edit is waiting to be read (see onEdit). */
  editQueued: boolean;
  /** Whether `findings` are the engine's answer for exactly `text` (not carried over an edit). */
  current: boolean;
  ignored: Set<string>;
  layer: HTMLDivElement;
  mirror?: HTMLDivElement;
  mirrorLines?: MirrorLines;
  /** Underlines as drawn: finding and its rectangles (viewport coordinates of the field's window). */
  drawn: Array<{ finding: PageFinding; rects: DOMRect[] }>;
}

/** The textarea mirror's lines: their text, their text nodes, and where each starts in the field's text. */
interface MirrorLines {
  lines: string[];
  nodes: Text[];
  starts: number[];
}

const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TR|TABLE|SECTION|ARTICLE|HEADER|FOOTER|DD|DT|FIGURE)$/;
const PARAGRAPH_BLOCK = /^(P|LI|H[1-6]|BLOCKQUOTE|PRE|TR|TABLE)$/;
const CARD_DELAY_MS = 120;

function main(): void {
  const fields = new Map<HTMLElement, Field>();
  const overlays = new WeakMap<Document, { host: HTMLElement; root: ShadowRoot; card: HTMLDivElement }>();
  let nextId = 1;
  /** Cards by key, as the worker sent them (once each per connection). */
  const cards = new Map<string, Card>();
  let port: chrome.runtime.Port | undefined;
  let openCard: { field: Field; finding: PageFinding; byKeyboard: boolean } | undefined;
  let hideTimer: number | undefined;

  function connect(): chrome.runtime.Port {
    if (port) return port;
    const p = chrome.runtime.connect({ name: PORT_NAME });
    p.onMessage.addListener(onWorkerMessage);
    p.onDisconnect.addListener(() => {
      // The service worker was stopped (idle, update): the next analysis reconnects, and the new
      // connection is sent every card again.
      port = undefined;
      cards.clear();
      for (const field of fields.values()) field.inFlight = false;
    });
    port = p;
    return p;
  }
  function send(message: PageToWorker): void {
    try {
      connect().postMessage(message);
    } catch {
      port = undefined;
      connect().postMessage(message);
    }
  }

  // ---- overlay ---------------------------------------------------------------------------------
  function overlayFor(doc: Document) {
    let overlay = overlays.get(doc);
    if (overlay && overlay.host.isConnected) return overlay;
    const host = doc.createElement('heard-overlay');
    // Outside <body>, so neither the field nor a form around it ever contains it.
    host.style.cssText = 'position: fixed; inset: 0; width: 0; height: 0; z-index: 2147483646; pointer-events: none;';
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    const card = doc.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'dialog');
    card.hidden = true;
    card.addEventListener('mouseenter', () => window.clearTimeout(hideTimer));
    card.addEventListener('mouseleave', () => scheduleHide());
    card.addEventListener('keydown', onCardKey);
    root.append(style, card);
    doc.documentElement.append(host);
    overlay = { host, root, card };
    overlays.set(doc, overlay);
    return overlay;
  }

  // ---- finding fields ------------------------------------------------------------------------------
  function editableRoot(el: Element | null): HTMLElement | undefined {
    if (!el) return undefined;
    if (el instanceof (el.ownerDocument.defaultView ?? window).HTMLTextAreaElement || el.tagName === 'TEXTAREA') {
      const ta = el as HTMLTextAreaElement;
      return ta.readOnly || ta.disabled ? undefined : ta;
    }
    let node = el as HTMLElement;
    if (!node.isContentEditable) return undefined;
    while (node.parentElement && node.parentElement.isContentEditable) node = node.parentElement;
    return node;
  }

  function attach(element: HTMLElement): Field {
    let field = fields.get(element);
    if (field) return field;
    const doc = element.ownerDocument;
    const overlay = overlayFor(doc);
    const layer = doc.createElement('div');
    layer.className = 'field';
    overlay.root.append(layer);
    field = {
      id: `f${nextId++}`,
      element,
      doc,
      win: doc.defaultView!,
      kind: element.tagName === 'TEXTAREA' ? 'textarea' : 'rich',
      text: '',
      findings: [],
      seq: 0,
      inFlight: false,
      dirty: false,
      current: false,
      editQueued: false,
      ignored: new Set(),
      layer,
      drawn: [],
    };
    layer.dataset.field = field.id;
    fields.set(element, field);
    element.addEventListener('input', () => onEdit(field!));
    element.addEventListener('scroll', () => scheduleRender());
    request(field);
    return field;
  }

  function scan(doc: Document): void {
    for (const ta of doc.querySelectorAll('textarea')) {
      const root = editableRoot(ta);
      if (root) attach(root);
    }
    for (const el of doc.querySelectorAll('[contenteditable]:not([contenteditable="false"])')) {
      const root = editableRoot(el);
      if (root) attach(root);
    }
    if (doc.designMode === 'on' && doc.body) attach(doc.body);
    for (const frame of doc.querySelectorAll('iframe')) watchFrame(frame);
  }

  const watchedDocs = new WeakSet<Document>();
  function watchDocument(doc: Document): void {
    if (watchedDocs.has(doc)) return;
    watchedDocs.add(doc);
    scan(doc);
    doc.addEventListener('focusin', (e) => {
      const root = editableRoot(e.target as Element);
      if (root) attach(root);
    }, true);
    doc.addEventListener('keydown', onPageKey, true);
    doc.addEventListener('mousemove', (e) => onMouseMove(doc, e), { passive: true });
    doc.defaultView?.addEventListener('scroll', () => scheduleRender(), { passive: true, capture: true });
    doc.defaultView?.addEventListener('resize', () => scheduleRender(), { passive: true });
    // Editors appear after load (a rich-text editor builds its iframe late): rescan, batched.
    let pending = false;
    new MutationObserver((records) => {
      if (pending) return;
      if (records.every((r) => isOurs(r.target))) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        scan(doc);
        dropDetached();
      }, 200);
    }).observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });
  }

  function isOurs(node: Node): boolean {
    return node.nodeName === 'HEARD-OVERLAY' || (node.getRootNode() as ShadowRoot).host?.nodeName === 'HEARD-OVERLAY';
  }

  /** A same-origin iframe's document (a TinyMCE- or CKEditor-style editor) is watched like the page. */
  function watchFrame(frame: HTMLIFrameElement): void {
    const tryDoc = () => {
      let doc: Document | null = null;
      try {
        doc = frame.contentDocument;
      } catch {
        doc = null; // cross-origin: not ours to read
      }
      if (doc && doc.documentElement) watchDocument(doc);
    };
    if (!(frame as { heardWatched?: boolean }).heardWatched) {
      (frame as { heardWatched?: boolean }).heardWatched = true;
      frame.addEventListener('load', () => tryDoc());
    }
    tryDoc();
  }

  function dropDetached(): void {
    for (const [element, field] of fields) {
      if (element.isConnected) continue;
      fields.delete(element);
      field.layer.remove();
      send({ type: 'forget', field: field.id });
    }
    reportCount();
  }

  // ---- text ---------------------------------------------------------------------------------------
  function* pieces(node: Node): Generator<Piece<Text>> {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        yield { kind: 'text', node: child as Text, text: (child as Text).data };
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = child as HTMLElement;
        if (el.tagName === 'BR') {
          yield { kind: 'break', text: '\n' };
          continue;
        }
        if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'HEARD-OVERLAY' || el.contentEditable === 'false') continue;
        const block = BLOCK.test(el.tagName);
        const breakText = PARAGRAPH_BLOCK.test(el.tagName) ? '\n\n' : '\n';
        if (block) yield { kind: 'break', text: breakText };
        yield* pieces(el);
        if (block) yield { kind: 'break', text: breakText };
      }
    }
  }

  function readText(field: Field): string {
    if (field.kind === 'textarea') return (field.element as HTMLTextAreaElement).value;
    field.map = buildTextMap(pieces(field.element));
    return field.map.text;
  }

  // ---- analysis -------------------------------------------------------------------------------------
  /**
   * The page's input event does nothing but note the edit: reading a long field, moving the
   * underlines and posting the text run after the next frame, so the typed character is on screen
   * first. Several keystrokes before then make one update.
   */
  function onEdit(field: Field): void {
    if (field.editQueued) return;
    field.editQueued = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        field.editQueued = false;
        if (fields.get(field.element) === field) afterEdit(field);
      }),
    );
  }

  function afterEdit(field: Field): void {
    const before = field.text;
    const after = readText(field);
    // Underlines follow the text at once; the engine's answer replaces them when it comes.
    field.findings = shiftFindings(field.findings, before, after);
    field.text = after;
    field.current = false;
    if (openCard?.field === field && !field.findings.includes(openCard.finding)) hideCard();
    render(field);
    request(field);
  }

  /** Sends the field's text unless an analysis is on its way; then the latest text goes when it returns. */
  function request(field: Field): void {
    if (field.inFlight) {
      field.dirty = true;
      return;
    }
    field.text = readText(field);
    field.inFlight = true;
    field.dirty = false;
    field.seq++;
    send({ type: 'analyse', field: field.id, seq: field.seq, text: field.text });
  }

  function fieldById(id: string): Field | undefined {
    for (const field of fields.values()) if (field.id === id) return field;
    return undefined;
  }

  function onWorkerMessage(message: WorkerToPage): void {
    if (message.type === 'reanalyse') {
      // New settings or a new organisation lexicon: the worker sends the cards again.
      cards.clear();
      for (const field of fields.values()) {
        field.inFlight = false;
        request(field);
      }
      return;
    }
    if (message.type === 'next-finding') {
      goToNextFinding();
      return;
    }
    const field = fieldById(message.field);
    if (!field || message.seq !== field.seq) return;
    field.inFlight = false;
    if (message.type === 'failed') {
      console.warn(`Heard could not check this field: ${message.error}`);
      return;
    }
    const now = readText(field);
    for (const [key, card] of Object.entries(message.cards)) cards.set(key, card);
    // How long the engine took in the service worker (read by the benchmark; a number, no text).
    field.layer.dataset.engineMs = message.ms.toFixed(1);
    if (now === field.text) {
      field.findings = message.findings;
      field.current = true;
    } else {
      // Typed while the engine worked: carry its answer over the edit, and ask again.
      field.findings = shiftFindings(message.findings, field.text, now);
      field.text = now;
      field.dirty = true;
    }
    render(field);
    reportCount();
    if (field.dirty) request(field);
  }

  let lastCount = -1;
  function reportCount(): void {
    let count = 0;
    for (const field of fields.values()) count += shownFindings(field.text, field.findings, field.ignored).length;
    if (count === lastCount) return;
    lastCount = count;
    send({ type: 'count', count });
  }

  // ---- geometry -----------------------------------------------------------------------------------------
  const MIRRORED = ['boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'tabSize', 'direction', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft'] as const;

  /**
   * The textarea's text laid out the same way in a hidden copy (in the overlay) to measure where
   * words are. Synced once per render (styles only when they changed), then every finding is
   * measured against that one layout.
   */
  function syncMirror(field: Field): MirrorLines {
    const ta = field.element as HTMLTextAreaElement;
    if (!field.mirror) {
      field.mirror = field.doc.createElement('div');
      field.mirror.className = 'mirror';
      field.layer.append(field.mirror);
    }
    const mirror = field.mirror;
    const style = field.win.getComputedStyle(ta);
    const box = ta.getBoundingClientRect();
    const geometry = [
      ...MIRRORED.map((p) => style[p]),
      `${box.left + ta.clientLeft}px`,
      `${box.top + ta.clientTop}px`,
      `${ta.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)}px`,
      `${ta.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)}px`,
    ].join('|');
    if (mirror.dataset.geometry !== geometry) {
      mirror.dataset.geometry = geometry;
      for (const p of MIRRORED) mirror.style[p] = style[p];
      mirror.style.boxSizing = 'content-box';
      const [left, top, width, height] = geometry.split('|').slice(-4);
      Object.assign(mirror.style, { left, top, width, height });
    }
    // One block per line: an edit replaces only the lines it changed, so the browser lays out
    // those lines again, not the whole note.
    const lines = field.text.split('\n');
    const state = (field.mirrorLines ??= { lines: [], nodes: [], starts: [] });
    const old = state.lines;
    let same = 0;
    while (same < old.length && same < lines.length && old[same] === lines[same]) same++;
    let sameEnd = 0;
    while (sameEnd < old.length - same && sameEnd < lines.length - same && old[old.length - 1 - sameEnd] === lines[lines.length - 1 - sameEnd]) sameEnd++;
    const removed = old.length - same - sameEnd;
    const added = lines.slice(same, lines.length - sameEnd);
    if (removed > 0 || added.length > 0) {
      for (const node of state.nodes.slice(same, same + removed)) (node.parentNode as HTMLElement).remove();
      const before = state.nodes[same + removed]?.parentNode ?? null;
      const nodes = added.map((line) => {
        const block = field.doc.createElement('div');
        // A zero-width space gives an empty line its height, as the textarea shows it.
        const node = field.doc.createTextNode(line || '\u200b');
        block.append(node);
        mirror.insertBefore(block, before);
        return node;
      });
      state.nodes.splice(same, removed, ...nodes);
      state.lines = lines;
      let at = 0;
      state.starts = lines.map((line) => ((at += line.length + 1), at - line.length - 1));
    }
    mirror.scrollTop = ta.scrollTop;
    mirror.scrollLeft = ta.scrollLeft;
    return state;
  }

  /** The line of the mirror that holds a text offset (binary search over line starts). */
  function mirrorPoint(state: MirrorLines, offset: number): { node: Text; offset: number } {
    let lo = 0;
    let hi = state.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (state.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const node = state.nodes[lo];
    return { node, offset: Math.min(offset - state.starts[lo], state.lines[lo].length, node.length) };
  }

  /** The DOM range of a finding in a rich field (through the text map of the field's current text). */
  function richRange(field: Field, offset: number, length: number): Range | undefined {
    if (!field.map) field.text = readText(field);
    const start = pointAt(field.map!, offset, 'forward');
    const end = pointAt(field.map!, offset + length, 'backward');
    if (!start || !end) return undefined;
    const range = field.doc.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range;
  }

  /** A function that measures findings in the field as it is now (one layout for all of them). */
  function measurer(field: Field): (f: PageFinding) => DOMRect[] {
    const el = field.element;
    const box = el.getBoundingClientRect();
    // Only what shows inside the field's box (it may be scrolled).
    const inner =
      el === field.doc.body
        ? { left: 0, top: 0, right: field.win.innerWidth, bottom: field.win.innerHeight }
        : { left: box.left + el.clientLeft, top: box.top + el.clientTop, right: box.left + el.clientLeft + el.clientWidth, bottom: box.top + el.clientTop + el.clientHeight };
    const visible = (rects: Iterable<DOMRect>) => [...rects].filter((r) => r.width > 0.5 && r.bottom > inner.top && r.top < inner.bottom && r.right > inner.left && r.left < inner.right);
    if (field.kind === 'textarea') {
      const lines = syncMirror(field);
      const range = field.doc.createRange();
      return (f) => {
        const start = mirrorPoint(lines, f.offset);
        const end = mirrorPoint(lines, f.offset + f.length);
        range.setStart(start.node, start.offset);
        range.setEnd(end.node, end.offset);
        return visible(range.getClientRects());
      };
    }
    return (f) => visible(richRange(field, f.offset, f.length)?.getClientRects() ?? []);
  }

  function findingRects(field: Field, f: PageFinding): DOMRect[] {
    return measurer(field)(f);
  }

  let renderQueued = false;
  function scheduleRender(): void {
    if (renderQueued) return;
    renderQueued = true;
    // After the next frame, not before it: the typed character is painted first, and the
    // underlines follow in the frame after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        renderQueued = false;
        for (const field of fields.values()) render(field);
        if (openCard) positionCard(openCard.field, openCard.finding);
      }),
    );
  }

  function render(field: Field): void {
    const shown = field.element.isConnected ? shownFindings(field.text, field.findings, field.ignored) : [];
    const measure = measurer(field);
    field.drawn = shown.map((finding) => ({ finding, rects: measure(finding) }));
    const parts: HTMLDivElement[] = [];
    for (const { finding, rects } of field.drawn) {
      for (const r of rects) {
        const line = field.doc.createElement('div');
        line.className = `underline ${finding.severity}`;
        line.dataset.rule = finding.ruleId;
        line.style.left = `${r.left}px`;
        line.style.top = `${r.bottom - 3}px`;
        line.style.width = `${r.width}px`;
        parts.push(line);
      }
    }
    const mirror = field.mirror;
    field.layer.replaceChildren(...(mirror ? [mirror] : []), ...parts);
    // For tests and the benchmark: how many findings are drawn, for which text, and whether they are the engine's final answer.
    field.layer.dataset.count = String(shown.length);
    field.layer.dataset.length = String(field.text.length);
    field.layer.dataset.state = field.current ? 'current' : 'pending';
  }

  // ---- the card ---------------------------------------------------------------------------------------------
  function onMouseMove(doc: Document, e: MouseEvent): void {
    // Over the card itself: keep it open.
    if (openCard && e.composedPath().includes(overlayFor(document).card)) {
      window.clearTimeout(hideTimer);
      return;
    }
    for (const field of fields.values()) {
      if (field.doc !== doc) continue;
      for (const d of field.drawn) {
        if (d.rects.some((r) => e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top - 2 && e.clientY <= r.bottom + 2)) {
          window.clearTimeout(hideTimer);
          if (openCard?.finding !== d.finding) hideTimer = window.setTimeout(() => showCard(field, d.finding, false), CARD_DELAY_MS);
          return;
        }
      }
    }
    if (openCard && !openCard.byKeyboard) scheduleHide();
  }

  function scheduleHide(): void {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(() => hideCard(), 300);
  }

  function hideCard(returnFocus = false): void {
    window.clearTimeout(hideTimer);
    if (!openCard) return;
    const { field } = openCard;
    overlayFor(document).card.hidden = true;
    openCard = undefined;
    if (returnFocus) field.element.focus();
  }

  function button(doc: Document, label: string, className: string, onClick: () => void): HTMLButtonElement {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = label;
    b.addEventListener('click', (e) => {
      e.preventDefault();
      onClick();
    });
    return b;
  }

  /**
   * The card lives in the top page's overlay, also for an editor in an iframe, so a small editor
   * frame does not clip it; positions are moved from the frame's viewport to the page's.
   */
  function showCard(field: Field, finding: PageFinding, byKeyboard: boolean): void {
    const { card } = overlayFor(document);
    const doc = document;
    const el = (tag: string, className: string, text?: string) => {
      const e = doc.createElement(tag);
      e.className = className;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const details = cards.get(finding.card) ?? { message: finding.ruleId, why: '', sources: [] };
    const title = el('p', 'message', details.message);
    title.id = 'heard-card-title';
    const why = el('p', 'why', details.why);
    const rewrites = el('div', 'rewrites');
    rewrites.setAttribute('role', 'group');
    rewrites.setAttribute('aria-label', 'Rewrites, best first');
    finding.suggestions.forEach((s, i) => {
      const b = button(doc, s, 'rewrite', () => chooseRewrite(field, finding, s));
      b.setAttribute('aria-label', `Rewrite ${i + 1}: replace “${finding.text}” with “${s}”`);
      rewrites.append(b);
    });
    const sources = el('ul', 'sources');
    for (const s of details.sources) {
      const li = el('li', '');
      if (s.url) {
        const a = doc.createElement('a');
        a.href = s.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.textContent = s.label;
        li.append(a);
      } else li.textContent = s.label;
      sources.append(li);
    }
    const actions = el('div', 'actions');
    actions.append(
      button(doc, 'Ignore here', 'ignore', () => {
        field.ignored.add(ignoreKey(field.text, finding));
        hideCard(true);
        render(field);
        reportCount();
      }),
      button(doc, 'Allow this phrase', 'allow', () => void allowPhrase(field, finding)),
    );
    const head = el('p', 'rule', `${finding.category} · ${finding.ruleId} · ${finding.severity}`);
    card.replaceChildren(head, title, why, ...(finding.suggestions.length ? [rewrites] : []), el('p', 'label', 'Source'), sources, actions);
    card.setAttribute('aria-labelledby', 'heard-card-title');
    card.dataset.rule = finding.ruleId;
    card.hidden = false;
    openCard = { field, finding, byKeyboard };
    positionCard(field, finding);
    if (byKeyboard) (card.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  /** Where a frame's viewport starts in the top page's viewport (0, 0 for the page itself). */
  function frameOffset(win: Window): { x: number; y: number } {
    let x = 0;
    let y = 0;
    for (let w = win; w !== window && w.frameElement; w = w.parent) {
      const frame = w.frameElement as HTMLElement;
      const box = frame.getBoundingClientRect();
      x += box.left + frame.clientLeft;
      y += box.top + frame.clientTop;
    }
    return { x, y };
  }

  function positionCard(field: Field, finding: PageFinding): void {
    const { card } = overlayFor(document);
    const inFrame = field.drawn.find((d) => d.finding === finding)?.rects[0] ?? findingRects(field, finding)[0];
    if (!inFrame) return;
    const { x, y } = frameOffset(field.win);
    const rect = { left: inFrame.left + x, top: inFrame.top + y, bottom: inFrame.bottom + y };
    const width = Math.min(380, window.innerWidth - 16);
    card.style.width = `${width}px`;
    card.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
    const below = rect.bottom + 6;
    const height = card.offsetHeight;
    card.style.top = `${below + height > window.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below}px`;
  }

  function onCardKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      hideCard(true);
    } else if (isNextShortcut(e)) {
      e.preventDefault();
      goToNextFinding();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      // Move between the card's buttons with the arrow keys too.
      const card = e.currentTarget as HTMLElement;
      const buttons = [...card.querySelectorAll<HTMLElement>('button, a')];
      const at = buttons.indexOf((card.getRootNode() as ShadowRoot).activeElement as HTMLElement);
      const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
      next?.focus();
      e.preventDefault();
    }
  }

  // ---- keyboard --------------------------------------------------------------------------------------------
  /** Alt+Shift+N: the in-page twin of the `next-finding` command (browser/manifest.json). */
  function isNextShortcut(e: KeyboardEvent): boolean {
    return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN';
  }

  function onPageKey(e: KeyboardEvent): void {
    if (isNextShortcut(e)) {
      e.preventDefault();
      e.stopPropagation();
      goToNextFinding();
    } else if (e.key === 'Escape' && openCard) {
      hideCard(true);
    }
  }

  function caretOffset(field: Field): number {
    if (field.kind === 'textarea') return (field.element as HTMLTextAreaElement).selectionStart ?? 0;
    const sel = field.win.getSelection();
    if (!sel || sel.rangeCount === 0 || !field.map) return 0;
    const r = sel.getRangeAt(0);
    return r.startContainer.nodeType === Node.TEXT_NODE ? Math.max(0, offsetOf(field.map, r.startContainer as Text, r.startOffset)) : 0;
  }

  function activeField(): Field | undefined {
    if (openCard) return openCard.field;
    for (const field of fields.values()) {
      const active = field.doc.activeElement;
      if (active && (active === field.element || field.element.contains(active))) {
        // In an iframe editor the page's active element is the iframe; the field is in its document.
        if (field.doc === document || document.activeElement?.tagName === 'IFRAME') return field;
      }
    }
    let best: Field | undefined;
    for (const field of fields.values()) if (!best && field.findings.length) best = field;
    return best;
  }

  function goToNextFinding(): void {
    const field = activeField();
    if (!field) return;
    const shown = shownFindings(field.text, field.findings, field.ignored);
    const after = openCard?.field === field ? openCard.finding.offset : caretOffset(field) - 1;
    const target = nextFinding(shown, after);
    if (!target) return;
    hideCard();
    scrollIntoView(field, target);
    showCard(field, target, true);
  }

  function scrollIntoView(field: Field, f: PageFinding): void {
    const rect = findingRects(field, f)[0];
    if (rect) return;
    // Not visible: move the caret there so the browser scrolls the field, then measure again.
    select(field, f.offset, 0);
    render(field);
  }

  // ---- editing -------------------------------------------------------------------------------------------------
  function select(field: Field, offset: number, length: number): boolean {
    field.element.focus();
    if (field.kind === 'textarea') {
      (field.element as HTMLTextAreaElement).setSelectionRange(offset, offset + length);
      return true;
    }
    const range = richRange(field, offset, length);
    const sel = field.win.getSelection();
    if (!range || !sel) return false;
    sel.removeAllRanges();
    sel.addRange(range);
    return true;
  }

  /**
   * Types the rewrite over the finding's words: select them, then insertText, so the page sees the
   * same beforeinput/input events as typing and the browser's undo reverts it. If the browser
   * refuses insertText, setRangeText (or a DOM edit in a rich field) and an input event instead.
   */
  function chooseRewrite(field: Field, finding: PageFinding, rewrite: string): void {
    const text = readText(field);
    if (!stillApplies(text, finding)) {
      hideCard(true);
      request(field);
      return;
    }
    hideCard();
    if (!select(field, finding.offset, finding.length)) return;
    const typed = field.doc.execCommand('insertText', false, rewrite);
    if (!typed) {
      if (field.kind === 'textarea') {
        (field.element as HTMLTextAreaElement).setRangeText(rewrite, finding.offset, finding.offset + finding.length, 'end');
      } else {
        const range = richRange(field, finding.offset, finding.length)!;
        range.deleteContents();
        range.insertNode(field.doc.createTextNode(rewrite));
      }
      field.element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: rewrite }));
    }
    field.element.focus();
  }

  async function allowPhrase(field: Field, finding: PageFinding): Promise<void> {
    const phrase = finding.text.toLowerCase();
    hideCard(true);
    // The phrase the user chose to allow is the only text Heard keeps (in their settings, like a dictionary word).
    const stored = await chrome.storage.sync.get(SETTINGS_KEY);
    const settings = (stored[SETTINGS_KEY] ?? {}) as { allow?: string[] };
    const allow = [...new Set([...(settings.allow ?? []), phrase])];
    await chrome.storage.sync.set({ [SETTINGS_KEY]: { ...settings, allow } });
    field.findings = field.findings.filter((f) => f.text.toLowerCase() !== phrase);
    render(field);
    reportCount();
  }

  watchDocument(document);
}

if (!globalThis.heardContentLoaded) {
  globalThis.heardContentLoaded = true;
  main();
}

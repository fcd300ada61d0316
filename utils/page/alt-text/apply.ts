/**
 * Page side: writing alt text into the live page, and taking it back. The user stays the author:
 * what is written is marked as generated, and Undo restores exactly what was there before, even
 * after several applies. Also: the alt-text field a person has focused in a CMS, filled as if typed.
 */
export const GENERATED_MARK = 'data-alt-generated';
const MARK_VALUE = 'ask-about-image';
const ATTRIBUTES = ['alt', 'role', 'aria-label', 'aria-hidden', GENERATED_MARK] as const;

type Saved = Record<(typeof ATTRIBUTES)[number], string | null>;
const originals = new WeakMap<Element, Saved>();

/** <img> and image buttons have alt; anything else is named the ARIA way. */
function takesAlt(element: Element): boolean {
  return element instanceof HTMLImageElement || (element instanceof HTMLInputElement && element.type === 'image');
}

export function applyAltText(element: Element, text: string): { how: 'alt' | 'aria-label' } {
  if (!originals.has(element)) {
    originals.set(element, Object.fromEntries(ATTRIBUTES.map((name) => [name, element.getAttribute(name)])) as Saved);
  }
  element.setAttribute(GENERATED_MARK, MARK_VALUE);
  if (takesAlt(element)) {
    element.setAttribute('alt', text);
    return { how: 'alt' };
  }
  if (text) {
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', text);
    element.removeAttribute('aria-hidden');
  } else {
    // Decorative, confirmed by the user: hidden from screen readers the ARIA way.
    element.setAttribute('role', 'presentation');
    element.setAttribute('aria-hidden', 'true');
    element.removeAttribute('aria-label');
  }
  return { how: 'aria-label' };
}

/** Restores what the element had before the first apply; false when nothing was applied. */
export function undoAltText(element: Element): boolean {
  const saved = originals.get(element);
  if (!saved) return false;
  for (const name of ATTRIBUTES) {
    const value = saved[name];
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
  originals.delete(element);
  return true;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;
const ALT_FIELD = /\balt\b|alt[-_ ]?text|alternative|description|описани|альтернатив|替代|描述|texte alternatif/i;

function isEditableText(element: Element | null): element is TextField {
  if (element instanceof HTMLTextAreaElement) return !element.disabled && !element.readOnly;
  return element instanceof HTMLInputElement && ['text', 'search', ''].includes(element.type) && !element.disabled && !element.readOnly;
}

/** The words a field is known by: its label, aria-label, placeholder, name or id. */
export function fieldLabel(field: TextField): string {
  const label = field.labels?.[0]?.textContent?.trim() || field.getAttribute('aria-label') || field.placeholder || field.name || field.id;
  return (label ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function isAltField(field: TextField): boolean {
  return ALT_FIELD.test([fieldLabel(field), field.name, field.id, field.placeholder, field.getAttribute('aria-label') ?? ''].join(' '));
}

/** The focused element, looking into open shadow roots. */
function deepActive(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Remembers the last alt-text field the user focused: right-clicking the picture, or opening the
 * extension's popup, moves the focus away from it, but it is still the field they mean.
 */
export function trackAltFields(doc: Document): { focused(): TextField | null } {
  let last: WeakRef<TextField> | undefined;
  doc.addEventListener(
    'focusin',
    (event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element && isEditableText(target) && isAltField(target)) last = new WeakRef(target);
    },
    { capture: true, passive: true },
  );
  return {
    focused() {
      const active = deepActive(doc);
      if (isEditableText(active) && isAltField(active)) return active;
      // Focus moved off the field, but not into another one where typing would go.
      const remembered = last?.deref();
      return remembered?.isConnected && !isEditableText(active) ? remembered : null;
    },
  };
}

/** Sets the value as typing would, so frameworks that watch input events (React, Vue) see it. */
export function fillField(field: TextField, text: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(field, text);
  else field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * A Svelte action: fills `node` with a copy of the `<template id=…>` the page's static HTML holds,
 * so that markup written at build time (no JavaScript to ship) can appear where the app places
 * it. A page without that template leaves the node empty.
 *
 * @param node the element to fill
 * @param id the template element's id
 */
export function fromTemplate(node: HTMLElement, id: string): void {
  const template = document.getElementById(id);
  if (template instanceof HTMLTemplateElement)
    node.replaceChildren(template.content.cloneNode(true));
}

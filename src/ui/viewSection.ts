/** The titled cells the 1D and implicit views lay out: one builder, each view with its class prefix. */

/** Appends `<section class="<prefix>-cell <prefix>-<testid>" data-testid><h2 class="<prefix>-title">` to parent. */
export function viewSection(parent: HTMLElement, prefix: string, testid: string, title: string): HTMLElement {
  const section = document.createElement('section');
  section.className = `${prefix}-cell ${prefix}-${testid}`;
  section.dataset.testid = testid;
  const heading = document.createElement('h2');
  heading.className = `${prefix}-title`;
  heading.textContent = title;
  section.append(heading);
  parent.append(section);
  return section;
}

// Progressive enhancement only: every page works without this script.
import { initAll } from "/static/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// On a narrow screen a wide table scrolls sideways inside its wrapper. Let keyboard users reach
// and scroll it too (WCAG 2.1.1): such a wrapper becomes a focusable region named after the
// table's caption, and stops being one when the window is wide enough again.
function markScrollingTables() {
  for (const wrapper of document.querySelectorAll(".app-table-wrapper")) {
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth;
    if (scrolls && !wrapper.hasAttribute("tabindex")) {
      const caption = wrapper.querySelector("caption");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    } else if (!scrolls && wrapper.hasAttribute("tabindex")) {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  }
}
markScrollingTables();
window.addEventListener("resize", markScrollingTables);

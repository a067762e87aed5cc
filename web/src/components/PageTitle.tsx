import { useEffect } from "react";

/**
 * Names the browser tab after the page's main heading, "Dave Chappelle - Live Comedy · Ticketing", so each page has
 * a title of its own (WCAG 2.4.2) that a screen reader announces on navigation. It follows the heading as pages load
 * their data, with no page having to set it.
 */
export function PageTitle() {
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    const update = () => {
      const heading = main.querySelector("h1")?.textContent?.trim();
      const title = heading ? `${heading} · Ticketing` : "Ticketing";
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return null;
}

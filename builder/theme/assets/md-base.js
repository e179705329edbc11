// Material's storage helpers, which its template writes as an inline script: here as a file,
// so that the Content-Security-Policy of every page can forbid inline scripts. The scope is
// the site's root, found from this file's own address (assets/bs/ is two folders below it),
// where the inline script had the page's relative path to the root written into it.
__md_scope = new URL("../..", document.currentScript.src);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (e) {}
};

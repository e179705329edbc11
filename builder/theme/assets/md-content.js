// Material's inline script after the content, as a file (see md-base.js): a link to a tab
// of a tabbed block opens that tab.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();

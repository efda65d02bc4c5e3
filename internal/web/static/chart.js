// A guide's flow chart is hidden when it cannot be drawn (the item's process
// is not published), rather than shown as a broken image. Kept out of the
// page: the Content-Security-Policy allows no inline handler.
"use strict";
document.querySelectorAll("figure.flowchart img").forEach(function (img) {
  img.addEventListener("error", function () { img.parentNode.hidden = true; });
  // An error before this script ran went unheard: asking again repeats it.
  if (img.complete && img.naturalWidth === 0) {
    img.src = img.src;
  }
});

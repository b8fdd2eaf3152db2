/*
 * Search loads when the reader searches. Material starts its search on every page load: it asks
 * for the language's search index (XMLHttpRequest) and starts its worker, which loads lunr's
 * stemmers; a reader who only wanted a phone number paid for all of it. This runs before
 * Material's script (see main.html) and holds both back until the reader opens the search or
 * focuses its field; then the same requests go out as before, and the first result appears as
 * it did. The copy read from disk (file:) loads no index over the network and is left alone.
 */
/*
 * No request for sitemaps. Each page lists its language versions (<link rel="alternate"
 * hreflang>) for search engines; Material's script asks for "sitemap.xml" beside every one of
 * them, on every page, to map pages between languages. The language menu already links each
 * page's own version, so those requests would cost the reader data and tell nothing: they are
 * not sent (the request ends as if cancelled, which Material treats as "no sitemap").
 */
(function () {
  "use strict";
  if (window.__aftercareNoSitemaps) {
    return;
  }
  window.__aftercareNoSitemaps = true;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__aftercareSitemap = /\/sitemap\.xml(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__aftercareSitemap) {
      return send.apply(this, arguments);
    }
    var request = this;
    setTimeout(function () {
      request.dispatchEvent(new Event("abort"));
    }, 0);
  };
})();

(function () {
  "use strict";
  if (location.protocol === "file:" || window.__aftercareLazySearch || !document.forms.namedItem("search")) {
    return;
  }
  window.__aftercareLazySearch = true;
  var started = false;
  var waiting = [];

  function start() {
    if (started) {
      return;
    }
    started = true;
    var queue = waiting;
    waiting = [];
    for (var i = 0; i < queue.length; i++) {
      queue[i]();
    }
  }

  function whenSearching(task) {
    if (started) {
      task();
    } else {
      waiting.push(task);
    }
  }

  // The index: sent when the reader searches.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__aftercareSearchIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.__aftercareSearchIndex) {
      return send.apply(request, args);
    }
    whenSearching(function () {
      send.apply(request, args);
    });
  };

  // The worker (and the stemmers it loads): started when the reader searches; what Material
  // posts to it or listens for in the meantime is handed over then, in order.
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function") {
    window.Worker = function (url, options) {
      if (!/\/workers\/search[.\-]/.test(String(url))) {
        return new RealWorker(url, options);
      }
      var proxy = this;
      var worker = null;
      var listeners = [];
      var messages = [];
      proxy.onmessage = null;
      proxy.onerror = null;
      proxy.postMessage = function () {
        if (worker) {
          worker.postMessage.apply(worker, arguments);
        } else {
          messages.push(arguments);
        }
      };
      proxy.addEventListener = function () {
        if (worker) {
          worker.addEventListener.apply(worker, arguments);
        } else {
          listeners.push(arguments);
        }
      };
      proxy.removeEventListener = function (type, handler) {
        if (worker) {
          worker.removeEventListener.apply(worker, arguments);
        } else {
          listeners = listeners.filter(function (entry) { return entry[0] !== type || entry[1] !== handler; });
        }
      };
      proxy.terminate = function () {
        if (worker) {
          worker.terminate();
        }
        messages = [];
      };
      whenSearching(function () {
        worker = new RealWorker(url, options);
        worker.onmessage = function (event) { if (proxy.onmessage) { proxy.onmessage(event); } };
        worker.onerror = function (event) { if (proxy.onerror) { proxy.onerror(event); } };
        for (var i = 0; i < listeners.length; i++) {
          worker.addEventListener.apply(worker, listeners[i]);
        }
        for (var j = 0; j < messages.length; j++) {
          worker.postMessage.apply(worker, messages[j]);
        }
        listeners = messages = null;
      });
    };
  }

  // What opens the search: its field gets the focus (a tap, a click, Material's keyboard
  // shortcut), or its toggle is opened.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("md-search__input")) {
      start();
    }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) {
      start();
    }
  }, true);
  document.addEventListener("click", function (event) {
    var label = event.target && event.target.closest && event.target.closest("label[for='__search']");
    if (label) {
      start();
    }
  }, true);
})();

/*
 * Quick exit: what JavaScript adds to the quick-exit link (which works on its own without it).
 *
 * - Activation (click, tap, Shift pressed 3 times, optionally Escape twice) hides the whole
 *   page and its title at once, then leaves with location.replace(), so the page is not left
 *   in the Back history. The Referer is never sent: every page carries
 *   <meta name="referrer" content="no-referrer"> in its HTML.
 * - Settings and translated messages come from data-* attributes on [data-aftercare-exit].
 * - Nothing is stored, logged or sent anywhere.
 */
(function () {
  "use strict";

  var PRESSES_NEEDED = 3;
  var SHIFT_WINDOW_MS = 5000; // at most this long between two Shift presses
  var ESCAPE_WINDOW_MS = 1000; // both Escape presses within this time

  var $root = document.querySelector("[data-aftercare-exit]");
  if (!$root || window.__aftercareExit) {
    return; // no control on this page, or already set up (guards double registration)
  }
  window.__aftercareExit = true;

  var $link = $root.querySelector("a");
  var $status = $root.querySelector("[role=status]");
  var settings = {
    shortcut: $root.getAttribute("data-shortcut") === "on",
    escapeTwice: $root.getAttribute("data-escape-twice") === "on",
    singleEntry: $root.getAttribute("data-single-history-entry") === "on",
    pressesLeft2: $root.getAttribute("data-presses-left-2") || "",
    pressesLeft1: $root.getAttribute("data-presses-left-1") || "",
    exiting: $root.getAttribute("data-exiting") || ""
  };
  var originalTitle = document.title;
  var shiftCount = 0;
  var shiftTimer = null;
  var lastEscape = 0;
  var $overlay = null;

  function announce(text) {
    // Clear first so the same message is read again when repeated.
    $status.textContent = "";
    window.setTimeout(function () { $status.textContent = text; }, 50);
  }

  function resetShift() {
    shiftCount = 0;
    if (shiftTimer) {
      window.clearTimeout(shiftTimer);
      shiftTimer = null;
    }
  }

  function exit(event) {
    if (event) {
      event.preventDefault();
    }
    resetShift();
    // Hide everything first: a person looking over a shoulder sees a blank page at once.
    document.documentElement.classList.add("aftercare-exiting");
    document.title = "";
    if (!$overlay) {
      $overlay = document.createElement("div");
      $overlay.className = "aftercare-exit__overlay";
      $overlay.setAttribute("role", "alert");
      document.body.appendChild($overlay);
    }
    $overlay.textContent = settings.exiting;
    // replace(): the exited page is not kept in the Back history.
    window.location.replace($link.href);
  }

  function inTextField(target) {
    if (!target || !target.closest) {
      return false;
    }
    return Boolean(target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true]"));
  }

  function dialogOpen() {
    var search = document.getElementById("__search");
    return Boolean((search && search.checked) || document.querySelector("dialog[open]"));
  }

  function onKeyDown(event) {
    if (event.key === "Shift" && settings.shortcut) {
      if (event.repeat || event.ctrlKey || event.altKey || event.metaKey) {
        return;
      }
      shiftCount += 1;
      if (shiftTimer) {
        window.clearTimeout(shiftTimer);
      }
      if (shiftCount >= PRESSES_NEEDED) {
        exit(null);
        return;
      }
      shiftTimer = window.setTimeout(resetShift, SHIFT_WINDOW_MS);
      announce(shiftCount === 1 ? settings.pressesLeft2 : settings.pressesLeft1);
      return;
    }
    // Any other key (a letter typed with Shift held, say) starts the count again.
    if (shiftCount) {
      resetShift();
    }
    if (event.key === "Escape" && settings.escapeTwice) {
      // Escape belongs to dialogs, search and text fields first (as in the NSW quick exit).
      if (inTextField(event.target) || dialogOpen()) {
        lastEscape = 0;
        return;
      }
      var now = Date.now();
      if (now - lastEscape <= ESCAPE_WINDOW_MS) {
        exit(null);
        return;
      }
      lastEscape = now;
    }
  }

  // Optional: links inside the site replace the current history entry instead of adding
  // one, so after a quick exit Back leaves the site altogether.
  function onDocumentClick(event) {
    if (!settings.singleEntry || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var $a = event.target.closest ? event.target.closest("a[href]") : null;
    if (!$a || $a === $link || $a.target || $a.hasAttribute("download")) {
      return;
    }
    var url = new URL($a.href, location.href);
    if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) {
      return; // other sites, and jumps within the page, behave as usual
    }
    event.preventDefault();
    window.location.replace(url.href);
  }

  $link.addEventListener("click", exit);
  document.addEventListener("keydown", onKeyDown, true);
  document.addEventListener("click", onDocumentClick);

  // Coming back through the back/forward cache: show the page again and start afresh.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("aftercare-exiting");
      document.title = originalTitle;
      if ($overlay) {
        $overlay.remove();
        $overlay = null;
      }
      resetShift();
      lastEscape = 0;
    }
  });
})();

/*
 * "Print a card" and the directory's count of what its filters show. Without JavaScript the
 * filters work on their own (style sheet) and nothing is counted. Nothing is requested, stored
 * or put in the address bar.
 */
(function () {
  "use strict";

  // "Print a card": the link alone shows the card's layout when printed; with JavaScript the
  // print dialog opens too.
  if (typeof window.print === "function") {
    Array.prototype.forEach.call(document.querySelectorAll("[data-aftercare-print]"), function ($print) {
      $print.addEventListener("click", function () {
        window.setTimeout(function () { window.print(); }, 0);
      });
    });
  }

  // Support services: the filters are radio buttons that the style sheet applies on its own;
  // here, only a count of what is shown (and a line when nothing is).
  var $directory = document.querySelector("[data-aftercare-directory]");
  if ($directory) {
    var $cards = $directory.querySelectorAll(".aftercare-provider");
    var $results = $directory.querySelector(".aftercare-results");
    var $none = $directory.querySelector(".aftercare-none");
    var template = $directory.getAttribute("data-results-template") || "{count} / {total}";
    var update = function () {
      var shown = 0;
      for (var i = 0; i < $cards.length; i++) {
        shown += $cards[i].offsetParent !== null ? 1 : 0;
      }
      if ($results) {
        $results.textContent = template.replace("{count}", shown).replace("{total}", $cards.length);
        $results.hidden = false;
      }
      if ($none) {
        $none.hidden = shown !== 0;
      }
    };
    $directory.addEventListener("change", update);
    update();
  }

  // "Open now", worked out from this device's clock in the line's own time zone: nothing is
  // requested or stored. Without JavaScript the hours stay as text.
  var $hours = document.querySelectorAll("[data-hours][data-timezone]");
  for (var h = 0; h < $hours.length; h++) {
    var $now = $hours[h].querySelector(".aftercare-hours__now");
    try {
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: $hours[h].getAttribute("data-timezone"),
        weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(new Date());
      var found = {};
      for (var p = 0; p < parts.length; p++) {
        found[parts[p].type] = parts[p].value;
      }
      var day = found.weekday.toLowerCase().slice(0, 3);
      var time = found.hour + ":" + found.minute;
      var open = false;
      var slots = $hours[h].getAttribute("data-hours").split(";");
      for (var s = 0; s < slots.length; s++) {
        var slot = slots[s].split(" ");
        var range = slot[1].split("-");
        if (slot[0].split(",").indexOf(day) !== -1 && range[0] <= time && time < range[1]) {
          open = true;
        }
      }
      $now.textContent = " " + $hours[h].getAttribute(open ? "data-open-now" : "data-closed-now");
    } catch (error) {
      // An unknown time zone on an old browser: the hours stay as text.
    }
  }
})();

/*
 * Search: Material's search box reads its value on key presses only, so a word pasted from the
 * clipboard, dictated, or typed with an input method that sends no key events found nothing.
 * Every change of the value (`input`) now tells it the same way a key press does.
 */
(function () {
  "use strict";
  var $box = document.querySelector("input.md-search__input");
  if (!$box || typeof KeyboardEvent !== "function") {
    return;
  }
  $box.addEventListener("input", function (event) {
    if (event.isComposing) {
      return; // an input method still composing the word: searched when it is done
    }
    $box.dispatchEvent(new KeyboardEvent("keyup"));
  });
  $box.addEventListener("compositionend", function () {
    $box.dispatchEvent(new KeyboardEvent("keyup"));
  });
})();

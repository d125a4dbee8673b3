/* «Ascolta questa pagina»: reads the page's main text aloud with the phone's own speech synthesis (the Web Speech
   API), for parents who read with difficulty. No external service: the text never leaves the phone.

   The button (portal/_listen.html) stays hidden unless the phone has a voice for the page's language. Each piece
   of text is read in its own language (the family's version in Arabic, the Italian beside it in Italian) when
   the phone has a voice for it, and skipped when it has none: an Italian sentence read by an Arabic voice helps
   nobody. */
(function () {
  "use strict";

  var bar = document.querySelector("[data-listen-bar]");
  var button = bar && bar.querySelector("[data-listen]");
  var synth = window.speechSynthesis;
  if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label") || startLabel;
  var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, td, th, blockquote, figcaption";
  // Django's language codes and the voices' BCP 47 tags: zh-hans is written zh-CN by the voices.
  var ALIASES = {"zh-hans": "zh-cn", "zh-hant": "zh-tw"};
  var reading = false;

  function normal(tag) {
    var lower = String(tag || "").toLowerCase().replace(/_/g, "-");
    return ALIASES[lower] || lower;
  }

  function primary(tag) {
    return normal(tag).split("-")[0];
  }

  function voiceFor(tag) {
    var voices = synth.getVoices() || [];
    var wanted = normal(tag);
    var exact = null;
    var near = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = normal(voices[i].lang);
      if (lang === wanted && !exact) {
        exact = voices[i];
      } else if (primary(lang) === primary(wanted) && !near) {
        near = voices[i];
      }
    }
    return exact || near;
  }

  function pageLanguage() {
    return document.documentElement.getAttribute("lang") || "it";
  }

  function update() {
    bar.hidden = !voiceFor(pageLanguage());
  }

  function skipped(element) {
    return element.closest("[hidden], [aria-hidden='true'], script, style, form, button, [data-listen-skip]");
  }

  /* The text to read, in order: one piece per block (a heading, a paragraph, an item) and language. */
  function pieces(root) {
    var result = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.replace(/\s+/g, " ").trim();
      var parent = node.parentElement;
      if (!text || !parent || skipped(parent)) {
        continue;
      }
      var holder = parent.closest("[lang]");
      var lang = holder ? holder.getAttribute("lang") : pageLanguage();
      var block = parent.closest(BLOCKS) || root;
      var last = result[result.length - 1];
      if (last && last.lang === lang && last.block === block) {
        last.text += " " + text;
      } else {
        result.push({text: text, lang: lang, block: block});
      }
    }
    return result;
  }

  function stopped() {
    reading = false;
    button.textContent = startLabel;
    button.setAttribute("aria-pressed", "false");
  }

  function read() {
    var root = document.querySelector("[data-listen-root]") || document.querySelector("main");
    var queue = [];
    pieces(root).forEach(function (piece) {
      var voice = voiceFor(piece.lang);
      if (!voice) {
        return;
      }
      var utterance = new window.SpeechSynthesisUtterance(piece.text);
      utterance.lang = voice.lang;
      try {
        utterance.voice = voice;
      } catch (ignored) {
        // Only a real SpeechSynthesisVoice is accepted; the lang above is enough to pick one.
      }
      queue.push(utterance);
    });
    if (!queue.length) {
      return;
    }
    queue[queue.length - 1].onend = stopped;
    queue[queue.length - 1].onerror = stopped;
    reading = true;
    button.textContent = stopLabel;
    button.setAttribute("aria-pressed", "true");
    synth.cancel();
    queue.forEach(function (utterance) {
      synth.speak(utterance);
    });
  }

  button.addEventListener("click", function () {
    if (reading) {
      synth.cancel();
      stopped();
    } else {
      read();
    }
  });
  // Leaving the page stops the voice (some phones go on reading otherwise).
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
  // Voices load asynchronously on most phones: check again when they arrive.
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", update);
  } else {
    synth.onvoiceschanged = update;
  }
  update();
}());

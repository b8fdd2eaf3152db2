/*
 * Aftercare: search that finds what readers type (appended to Material's search worker by
 * overrides/hooks/search.py; the one place that reaches into lunr.js as Material uses it).
 *
 * - Folding, for the index and the query alike: accents and Vietnamese tone marks go
 *   (sante finds santé, suc khoe finds sức khỏe, đ is d, œ is oe); for Arabic the forms of alef
 *   (أ إ آ ٱ) become ا, ؤ و and ئ ي lose their hamza, ة becomes ه, ى becomes ي, and short-vowel
 *   marks and tatweel go. The folding runs on the tokens only: results show the text as written,
 *   and the highlighted words are the page's own.
 * - Stemming (where the index's settings ask for it: English, Spanish, French, Arabic) runs
 *   after the folding, with lunr's own stemmers, so "doctors" finds "doctor" and the Arabic
 *   stemmer takes off the article and attached prefixes (المحامي, للمحامي, والصحة).
 * - Material sends every word as a prefix ("doctors*"), and lunr.js sends prefixes past its
 *   pipeline; here a prefix goes through the pipeline too: a word is looked up by its stem, and,
 *   when the stem is not the start of the word as typed (a word typed half-way), by what was
 *   typed as well. The index also keeps each stemmed word as written (folded), and the word as
 *   typed counts ten times more than other words of its stem, so médico ranks the page about
 *   doctors above pages that only say "médica".
 * - A position found by two of these terms is passed on once (Material would mark it twice).
 * Checked in Chromium by tests/test_search.py (the query set is tests/search_queries.yml).
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.Pipeline || !lunr.Builder || !lunr.Query || !lunr.Index) {
    throw new Error("Aftercare search: Material's worker no longer exposes lunr.js as expected");
  }

  // Combining marks: Latin accents and Vietnamese tones (after NFD), Arabic harakat, hamza
  // above and below, madda, superscript alef, Quranic marks; and tatweel.
  var MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
  var LETTERS = { "đ": "d", "œ": "oe", "æ": "ae", "ß": "ss", "ٱ": "ا", "ة": "ه", "ى": "ي" };
  var SINGLE = /[đœæßٱةى]/g;
  // An Arabic noun ending in -i written without its ي and with tanween kasra (محامٍ, "a
  // lawyer") is the same word as محامي and المحامي: the ي comes back before the marks go.
  var MANQUS = /([\u0621-\u064a])\u064d$/;

  // Each distinct word is folded (and stemmed) once: a phone's slow CPU builds the index.
  var folded = Object.create(null);

  function foldText(text) {
    var known = folded[text];
    if (known === undefined) {
      known = folded[text] = text.toLowerCase().normalize("NFD").replace(MANQUS, "$1\u064a").replace(MARKS, "").replace(SINGLE, function (c) {
        return LETTERS[c];
      }).normalize("NFC");
    }
    return known;
  }

  function fold(token) {
    return token.update(foldText);
  }
  lunr.Pipeline.registerFunction(fold, "aftercareFold");

  // The index's search pipeline, once built (a worker holds one index).
  var searchPipeline = null;
  // True while lunr runs a query against the index (not while Material only parses one).
  var inIndexQuery = false;

  // The index keeps each word as written (folded) beside its stem, so that the word itself
  // can count for more than other words of the same stem (médico before médica). The
  // language's own stemmer makes the stem, once for each distinct word.
  function stemKeepingWord(stemmer) {
    var stems = Object.create(null);
    function stem(token) {
      var word = token.toString();
      var known = stems[word];
      if (known === undefined) {
        var out = stemmer(new lunr.Token(word, {}));
        known = stems[word] = out ? out.toString() : word;
      }
      if (known === word) {
        return token;
      }
      return [token.update(function () { return known; }), new lunr.Token(word, token.metadata)];
    }
    stem.aftercare = true;
    lunr.Pipeline.registerFunction(stem, "aftercareStem-" + stemmer.label);
    return stem;
  }

  function isStemmer(fn) {
    return /^stemmer/.test(fn.label || "");
  }

  // Before the first document is indexed, the pipelines are final: fold first.
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function () {
    [this.pipeline, this.searchPipeline].forEach(function (pipeline) {
      if (pipeline._stack.indexOf(fold) === -1) {
        pipeline._stack.unshift(fold);
      }
    });
    var stack = this.pipeline._stack;
    var stemmer = stack.filter(isStemmer)[0];
    if (stemmer) {
      stack.splice(stack.indexOf(stemmer), 1, stemKeepingWord(stemmer));
    }
    return add.apply(this, arguments);
  };

  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.apply(this, arguments);
    searchPipeline = index.pipeline;
    return index;
  };

  var PREFIX = /^([^*]+)\*$/;
  var EXACT_BOOST = 10;

  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (spec) {
    var result = clause.apply(this, arguments);
    var typed = !spec.usePipeline && !spec.aftercare && PREFIX.exec(spec.term);
    if (!typed || !searchPipeline) {
      return result;
    }
    var word = foldText(typed[1]);
    var stems = searchPipeline.runString(typed[1]);
    var stem = stems.length === 1 ? stems[0] : word; // none: a stop word, kept as typed
    spec.term = stem + "*";
    if (!inIndexQuery) {
      return result;
    }
    // The word as typed counts for more than other words of its stem or that it starts
    // ("medic*" is also médica, medicina): médico finds the pages about doctors first.
    this.clause({
      term: word, fields: spec.fields, boost: spec.boost * EXACT_BOOST, usePipeline: false,
      wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL, aftercare: true
    });
    if (word.indexOf(stem) !== 0) {
      // Half a word ("lawy" stems to "lawi"): what was typed is looked up as well.
      this.clause({
        term: word + "*", fields: spec.fields, boost: spec.boost, usePipeline: false,
        wildcard: lunr.Query.wildcard.TRAILING, presence: lunr.Query.presence.OPTIONAL, aftercare: true
      });
    }
    return result;
  };

  // A word found as written and by its stem is one word on the page: Material marks each
  // position it is given, so each is given once.
  function onePositionOnce(result) {
    var metadata = result.matchData.metadata;
    var seen = {};
    Object.keys(metadata).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        var positions = metadata[term][field].position;
        if (!positions) {
          return;
        }
        var known = seen[field] || (seen[field] = {});
        metadata[term][field].position = positions.filter(function (position) {
          return known[position] ? false : (known[position] = true);
        });
      });
    });
    return result;
  }

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function () {
    inIndexQuery = true;
    try {
      return query.apply(this, arguments).map(onePositionOnce);
    } finally {
      inIndexQuery = false;
    }
  };
})(self.lunr);

/* medvirk search client. Our own code, no dependencies.
 *
 * The engine (tokenizer, trimmer, stop words and Norwegian Snowball stemmer,
 * matching elasticlunr-rs's "no" pipeline word for word; readers for the
 * single-file and split index layouts; ranking; excerpts) works in node too,
 * where the tests load it. In a browser it also runs the search page
 * (/sok/), or warms the index when a key is typed in the header's field. */
(function (root) {
  'use strict';

  /* ---- Text pipeline ---------------------------------------------------- */

  // Rust's char::is_whitespace (Unicode White_Space) and '-', as elasticlunr-rs splits.
  var SEPARATOR = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000-]+/;
  var TRIM = /^[^\p{Script=Latin}]+|[^\p{Script=Latin}]+$/gu;

  // Snowball's Norwegian stop-word list, as the index was built with.
  var STOP = new Set(('alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira ' +
    'deires dem den denne der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt ' +
    'eller elles en enn er et ett etter for fordi fra før ha hadde han hans har hennar henne hennes her ' +
    'hjå ho hoe honom hoss hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ' +
    'ikkje ingen ingi inkje inn inni ja jeg kan kom korleis korso kun kunne kva kvar kvarhelst kven kvi ' +
    'kvifor man mange me med medan meg meget mellom men mi min mine mitt mot mykje ned no noe noen noka ' +
    'noko nokon nokor nokre nå når og også om opp oss over på samme seg selv si sia sidan siden sin sine ' +
    'sitt sjøl skal skulle slik so som somme somt så sånn til um upp ut uten var vart varte ved vere ' +
    'verte vi vil ville vore vors vort vår være vært å').split(' '));

  function tokenize(text) {
    return String(text).split(SEPARATOR).filter(Boolean).map(function (t) { return t.toLowerCase(); });
  }

  function trim(token) {
    return token.replace(TRIM, '');
  }

  /* Norwegian Snowball stemmer: R1 after the first non-vowel following a
   * vowel (at least 3 letters in), then a main suffix, a final -dt/-vt, and
   * one of the "other" suffixes, each only inside R1. */
  var VOWEL = 'aeiouyæåø';
  var S_ENDING = 'bcdfghjlmnoprtvyz';
  var MAIN = { a: 1, e: 1, ede: 1, ande: 1, ende: 1, ane: 1, ene: 1, hetene: 1, erte: 3, en: 1,
    heten: 1, ar: 1, er: 1, heter: 1, s: 2, as: 1, es: 1, edes: 1, endes: 1, enes: 1, hetenes: 1,
    ens: 1, hetens: 1, ers: 1, ets: 1, et: 1, het: 1, ert: 3, ast: 1 };
  var OTHER = { leg: 1, eleg: 1, ig: 1, eig: 1, lig: 1, elig: 1, els: 1, lov: 1, elov: 1, slov: 1,
    hetslov: 1 };
  var LONGEST = 7;

  function isVowel(ch) { return ch !== undefined && VOWEL.indexOf(ch) >= 0; }

  // The longest suffix in `table` that lies wholly at or after p1.
  function suffixIn(w, table, p1) {
    for (var len = Math.min(LONGEST, w.length - p1); len > 0; len--) {
      var s = w.slice(w.length - len).join('');
      if (Object.prototype.hasOwnProperty.call(table, s)) return s;
    }
    return null;
  }

  /* `light` stops before the "other" suffixes (-leg, -lig, -els, -lov…):
   * Snowball takes "fastlegen" to "fast", the stem of "fast" (fixed) too;
   * the light stem "fastleg" tells them apart for highlighting and for
   * prefix matching. */
  function stem(word, light) {
    var w = Array.from(word);
    var n = w.length;
    var p1 = n;
    if (n >= 3) {
      var i = 0;
      while (i < n && !isVowel(w[i])) i++;
      if (i < n) {
        i++;
        while (i < n && isVowel(w[i])) i++;
        if (i < n) p1 = Math.max(i + 1, 3);
      }
    }
    var main = suffixIn(w, MAIN, p1);
    if (main) {
      var rule = MAIN[main];
      var before = w.length - main.length;
      if (rule === 1) {
        w.length = before;
      } else if (rule === 2) {
        var prev = w[before - 1];
        if ((prev !== undefined && S_ENDING.indexOf(prev) >= 0) ||
            (prev === 'k' && before >= 2 && !isVowel(w[before - 2]))) {
          w.length = before;
        }
      } else {
        w.length = before;
        w.push('e', 'r');
      }
    }
    var m = w.length;
    if (m - 2 >= p1 && w[m - 1] === 't' && (w[m - 2] === 'd' || w[m - 2] === 'v')) w.length = m - 1;
    if (light) return w.join('');
    var other = suffixIn(w, OTHER, p1);
    if (other) w.length -= Array.from(other).length;
    return w.join('');
  }

  /* The whole pipeline: the terms a text is indexed (or queried) by. */
  function terms(text) {
    var out = [];
    tokenize(text).forEach(function (t) {
      t = trim(t);
      if (!t || STOP.has(t)) return;
      var s = stem(t);
      if (s) out.push(s);
    });
    return out;
  }

  /* ---- Index readers ---------------------------------------------------- */

  // As src/search/mod.rs FIELDS: `context` is what an item inherits from its case.
  var BOOST = { title: 3, body: 1, themes: 2, organisations: 2, context: 0.1 };

  function idf(df, n) { return 1 + Math.log(n / (df + 1)); }

  /* A standard elasticlunr index (the single-file layout): walk each field's
   * trie once into term → postings, weighted as the split layout is. */
  function SingleIndex(json) {
    var docInfo = json.documentStore.docInfo;
    var docs = json.documentStore.docs;
    var byTerm = new Map();
    this.n = json.documentStore.length;
    this.docs = docs;
    this.wordsUrl = json.words || null;
    var self = this;
    json.fields.forEach(function (field) {
      var boost = BOOST[field] || 1;
      (function walk(node, term) {
        var refs = node.docs ? Object.keys(node.docs) : [];
        if (refs.length) {
          var entry = byTerm.get(term);
          if (!entry) { entry = new Map(); byTerm.set(term, entry); }
          refs.forEach(function (ref) {
            var len = docInfo[ref][field] || 1;
            var w = boost * node.docs[ref].tf / Math.sqrt(Math.sqrt(len));
            entry.set(+ref, (entry.get(+ref) || 0) + w);
          });
        }
        Object.keys(node).forEach(function (k) {
          if (k !== 'docs' && k !== 'df') walk(node[k], term + k);
        });
      })(json.index[field].root, '');
    });
    this.terms = new Map();
    byTerm.forEach(function (entry, term) {
      var list = Array.from(entry.entries()).sort(function (a, b) { return a[0] - b[0]; });
      self.terms.set(term, { df: list.length, list: list });
    });
    this.keys = Array.from(this.terms.keys()).sort();
  }
  SingleIndex.prototype.lookup = function (word, prefixes) {
    var found = [];
    var exact = this.terms.get(word);
    if (exact) found.push({ term: word, exact: true, entry: exact });
    var self = this;
    prefixes.forEach(function (p) {
      var i = lowerBound(self.keys, p);
      for (; i < self.keys.length && self.keys[i].lastIndexOf(p, 0) === 0; i++) {
        if (self.keys[i] !== word) found.push({ term: self.keys[i], exact: false, entry: self.terms.get(self.keys[i]) });
      }
    });
    return Promise.resolve(dedupe(found));
  };
  SingleIndex.prototype.filter = function (f) {
    var docs = this.docs;
    return Promise.resolve(function (doc) {
      var d = docs[doc];
      return (!f.type || d.k === f.type) && (!f.year || d.d.slice(0, 4) === f.year) &&
        (!f.theme || d.th.indexOf(f.theme) >= 0) && (!f.org || d.o.indexOf(f.org) >= 0);
    });
  };
  SingleIndex.prototype.results = function (docNumbers) {
    var docs = this.docs;
    return Promise.resolve(docNumbers.map(function (n) {
      var d = docs[n];
      return { n: n, title: d.t, url: d.u, kind: d.k, date: d.d, context: d.c, excerpt: d.e, hasText: !!d.x, text: d.x || '', themes: d.th || [] };
    }));
  };

  /* The split layout: a manifest, then shards, result chunks and facets on demand. */
  function SplitIndex(manifest, base, fetchJson) {
    this.n = manifest.documents;
    this.m = manifest;
    this.base = base;
    this.fetchJson = fetchJson;
    this.shards = new Map();
    this.chunks = new Map();
    this.texts = new Map();
    this.facets = new Map();
    this.keys = manifest.shards.slice().sort();
    this.wordsUrl = manifest.words || null;
  }
  SplitIndex.prototype.get = function (cache, file, parse) {
    if (!cache.has(file)) {
      cache.set(file, this.fetchJson(this.base + file).then(parse, function () { return parse(null); }));
    }
    return cache.get(file);
  };
  SplitIndex.prototype.shardFor = function (term) {
    var best = null;
    for (var i = 0; i < this.keys.length; i++) {
      var k = this.keys[i];
      if (term.lastIndexOf(k, 0) === 0 && (!best || k.length > best.length)) best = k;
    }
    return best;
  };
  SplitIndex.prototype.shard = function (key) {
    return this.get(this.shards, 't-' + hex(key) + '.json', function (json) {
      var out = new Map();
      Object.keys(json || {}).forEach(function (term) {
        var a = json[term];
        var list = [];
        for (var i = 1, doc = 0; i < a.length; i += 2) {
          doc += a[i];
          list.push([doc, a[i + 1] / 100]);
        }
        out.set(term, { df: a[0], list: list });
      });
      return out;
    });
  };
  SplitIndex.prototype.lookup = function (word, prefixes) {
    var self = this;
    var wanted = new Set();
    var home = this.shardFor(word);
    if (home) wanted.add(home);
    var expand = prefixes.filter(function (p) {
      var keys = self.keys.filter(function (k) { return k.lastIndexOf(p, 0) === 0; });
      var own = self.shardFor(p);
      if (own) keys.push(own);
      // A short prefix of a big site spans many shards: match whole words instead.
      if (keys.length > 3) return false;
      keys.forEach(function (k) { wanted.add(k); });
      return true;
    });
    return Promise.all(Array.from(wanted).map(function (k) { return self.shard(k); })).then(function (shards) {
      var found = [];
      shards.forEach(function (shard) {
        shard.forEach(function (entry, term) {
          if (term === word) found.push({ term: term, exact: true, entry: entry });
          else if (expand.some(function (p) { return term.lastIndexOf(p, 0) === 0; })) {
            found.push({ term: term, exact: false, entry: entry });
          }
        });
      });
      return dedupe(found);
    });
  };
  SplitIndex.prototype.filter = function (f) {
    var self = this;
    var ranges = null;
    if (f.type || f.year) {
      ranges = this.m.groups.filter(function (g) {
        return (!f.type || g[0] === f.type) && (!f.year || String(g[1]) === f.year);
      });
    }
    var facet = function (prefix, value) {
      if (!value) return Promise.resolve(null);
      return self.get(self.facets, 'f-' + prefix + '-' + value + '.json', function (json) {
        var set = new Set();
        for (var i = 0, doc = 0; json && i < json.length; i++) { doc += json[i]; set.add(doc); }
        return set;
      });
    };
    return Promise.all([facet('t', f.theme), facet('o', f.org)]).then(function (sets) {
      return function (doc) {
        if (ranges && !ranges.some(function (g) { return doc >= g[2] && doc < g[3]; })) return false;
        return (!sets[0] || sets[0].has(doc)) && (!sets[1] || sets[1].has(doc));
      };
    });
  };
  SplitIndex.prototype.results = function (docNumbers) {
    var self = this;
    var size = this.m.chunk;
    return Promise.all(docNumbers.map(function (n) {
      var c = Math.floor(n / size);
      return self.get(self.chunks, 'd-' + c + '.json', function (j) { return j || []; }).then(function (rows) {
        var r = rows[n - c * size] || ['', '', '', '', '', '', 0, []];
        return { n: n, title: r[0], url: r[1], kind: r[2], date: r[3], context: r[4], excerpt: r[5], hasText: r[6] === 1, text: '', themes: r[7] || [] };
      });
    }));
  };
  /* The text an excerpt is cut from, of document `n` ('' when it has none). */
  SplitIndex.prototype.text = function (n) {
    var size = this.m.textChunk || 4;
    var c = Math.floor(n / size);
    return this.get(this.texts, 'x-' + c + '.json', function (j) { return j || []; }).then(function (list) {
      return list[n - c * size] || '';
    });
  };

  /* `rows` with the text of each whose stored excerpt does not show a
   * matched word, fetched (split layout) only for those. */
  function withTexts(index, rows, words) {
    return Promise.all(rows.map(function (r) {
      var shows = highlight(r.excerpt, words).some(function (m) { return m.mark; });
      if (!r.hasText || r.text || shows || !index.text) return r;
      return index.text(r.n).then(function (text) { r.text = text; return r; });
    }));
  }

  function dedupe(found) {
    var seen = new Set();
    return found.filter(function (f) {
      if (seen.has(f.term)) return false;
      seen.add(f.term);
      return true;
    });
  }

  function lowerBound(sorted, key) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) {
      return (b < 16 ? '0' : '') + b.toString(16);
    }).join('');
  }

  /* ---- Querying --------------------------------------------------------- */

  /* A prefix shorter than this is not expanded: "KI" means KI, not Kirkenes. */
  var MIN_PREFIX = 3;

  /* The words of a query: each with its stem, its light stem and the
   * prefixes it may extend to (none when `exact`): the light stem and the
   * word as typed, of at least MIN_PREFIX letters. Not the stem, which may
   * be cut short ("fastlegen" to "fast"). `terms` collects the index terms
   * the search matched for the word. */
  function queryWords(q, exact) {
    var words = [];
    tokenize(q).forEach(function (t) {
      t = trim(t);
      if (!t || STOP.has(t)) return;
      var s = stem(t);
      var l = stem(t, true);
      var prefixes = [];
      if (!exact) [l, t].forEach(function (p) {
        if (Array.from(p).length >= MIN_PREFIX && prefixes.indexOf(p) < 0) prefixes.push(p);
      });
      if (s && !words.some(function (w) { return w.stem === s; })) words.push({ stem: s, light: l, prefixes: prefixes, terms: new Set([s]) });
    });
    return words;
  }

  /* Runs a query: every word must match (its stem, or a term it begins);
   * a document's score is the sum over words of its best term's idf × weight,
   * halved for a prefix match. Resolves to { hits: [doc…], partial }.
   * `options.exact` matches whole words only. */
  function search(index, q, filters, options) {
    var words = queryWords(q, options && options.exact);
    if (!words.length) return Promise.resolve({ hits: [], partial: false, words: words });
    return Promise.all([
      Promise.all(words.map(function (w) { return index.lookup(w.stem, w.prefixes); })),
      index.filter(filters || {})
    ]).then(function (res) {
      var perWord = res[0];
      var keep = res[1];
      var partial = false;
      var total = null;
      perWord.forEach(function (found, i) {
        var scores = new Map();
        // A prefix match is weighed with the rarity of the word as typed when
        // the index has it: a rare compound ("fastlegekontoret") must not
        // outrank the word itself ("fastlegen").
        var own = found.filter(function (f) { return f.exact; })[0];
        found.forEach(function (f) {
          words[i].terms.add(f.term);
          if (f.entry.list.length < f.entry.df) partial = true;
          var factor = f.exact ? idf(f.entry.df, index.n) : 0.5 * idf((own || f).entry.df, index.n);
          f.entry.list.forEach(function (p) {
            var s = factor * p[1];
            if (!(scores.get(p[0]) >= s)) scores.set(p[0], s);
          });
        });
        if (total === null) {
          total = scores;
        } else {
          var next = new Map();
          total.forEach(function (s, doc) { if (scores.has(doc)) next.set(doc, s + scores.get(doc)); });
          total = next;
        }
      });
      var hits = [];
      total.forEach(function (s, doc) { if (keep(doc)) hits.push([doc, s]); });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { hits: hits.map(function (h) { return h[0]; }), partial: partial, words: words };
    });
  }

  /* Splits `text` into runs, marking the whole words the query matched: a
   * word whose light stem is the query word's, or begins with one of its
   * prefixes ("fastlegen" marks "fastlegen", "fastlegens" and
   * "fastlegekontoret", not "fast"; "KI" marks "KI", not "Kirkenes"). */
  function highlight(text, words) {
    var parts = String(text).split(/([\s\-–—,.;:!?()«»"“”/]+)/);
    return parts.filter(function (p) { return p !== ''; }).map(function (part) {
      var t = trim(part.toLowerCase());
      var hit = false;
      if (t && !STOP.has(t)) {
        var l = stem(t, true);
        hit = words.some(function (w) {
          return l === w.light || w.prefixes.some(function (p) { return l.lastIndexOf(p, 0) === 0; });
        });
      }
      return { text: part, mark: hit };
    });
  }

  var EXCERPT_CHARS = 220;

  /* The excerpt of a result: its stored excerpt when that shows a matched
   * word, else a window of its text around the first matched word, else the
   * stored excerpt. */
  function excerptFor(result, words) {
    var marked = function (t) { return highlight(t, words).some(function (r) { return r.mark; }); };
    if (!result.text || marked(result.excerpt)) return result.excerpt;
    var runs = highlight(result.text, words);
    var at = 0;
    for (var i = 0; i < runs.length && !runs[i].mark; i++) at += runs[i].text.length;
    if (i === runs.length) return result.excerpt;
    var text = result.text;
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + EXCERPT_CHARS);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > at) end = back;
    }
    return (start > 0 ? '…' : '') + text.slice(start, end).trim() + (end < text.length ? '…' : '');
  }

  /* Levenshtein distance, by code points; stops early above `max`. */
  function distance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  /* The spelling in `list` (most frequent first) closest to `word`: the
   * smallest edit distance, at most 1 for words of up to 5 letters and 2
   * beyond; ties go to the more frequent. Null when none is that close or
   * the word is itself in the list. */
  function closest(word, list) {
    word = trim(String(word).toLowerCase());
    var n = Array.from(word).length;
    if (n < 3) return null;
    var max = n <= 5 ? 1 : 2;
    var best = null;
    var bestD = max + 1;
    for (var i = 0; i < list.length && bestD > 0; i++) {
      var d = distance(word, list[i], bestD - 1 < max ? bestD - 1 : max);
      if (d < bestD) { bestD = d; best = list[i]; }
    }
    return bestD > 0 ? best : null;
  }

  /* A query with each word that has no hits replaced by its closest
   * spelling; null when no word could be replaced. Resolves to
   * { query, hits } with the hits of the new query. */
  function suggest(index, q, list, filters) {
    var changed = false;
    var out = tokenize(q).map(function (t) {
      var c = closest(t, list);
      if (c && c !== t) { changed = true; return c; }
      return t;
    });
    if (!changed) return Promise.resolve(null);
    var query = out.join(' ');
    return search(index, query, filters || {}).then(function (r) {
      return r.hits.length ? { query: query, result: r } : null;
    });
  }

  /* Loads an index from its URL: the elasticlunr file or the split manifest. */
  function load(url, fetchJson) {
    return fetchJson(url).then(function (json) {
      if (json && json.documentStore) return new SingleIndex(json);
      return new SplitIndex(json, url.slice(0, url.lastIndexOf('/') + 1), fetchJson);
    });
  }

  var engine = {
    tokenize: tokenize, trim: trim, stem: stem, terms: terms, stopWords: STOP,
    queryWords: queryWords, search: search, highlight: highlight, load: load,
    excerptFor: excerptFor, withTexts: withTexts, distance: distance, closest: closest, suggest: suggest,
    SingleIndex: SingleIndex, SplitIndex: SplitIndex
  };
  if (typeof module === 'object' && module.exports) module.exports = engine;
  root.medvirkSok = engine;
  if (typeof document === 'undefined') return;

  /* ---- The search page -------------------------------------------------- */

  var MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september',
    'oktober', 'november', 'desember'];
  var PAGE = 20;
  var SETTLE_MS = 400;

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }

  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? (+m[3]) + '. ' + MONTHS[+m[2] - 1] + ' ' + m[1] : '';
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function appendMarked(parent, text, words) {
    highlight(text, words).forEach(function (run) {
      if (run.mark) parent.appendChild(el('mark', '', run.text));
      else parent.appendChild(document.createTextNode(run.text));
    });
  }

  function page() {
    var form = document.getElementById('sok-skjema');
    if (!form) return;
    if (location.protocol === 'file:') return fromDisk();
    var input = document.getElementById('sok-q');
    var selects = { type: 'sok-type', year: 'sok-ar', theme: 'sok-tema', org: 'sok-org' };
    var params = { q: 'q', type: 'type', year: 'ar', theme: 'tema', org: 'org' };
    var status = document.getElementById('sok-status');
    var list = document.getElementById('sok-treff');
    var more = document.getElementById('sok-flere');
    var forward = document.getElementById('sok-videre');
    var pageTitle = document.title;
    var themeNames = {};
    Array.prototype.forEach.call(document.getElementById('sok-tema').options, function (o) {
      if (o.value) themeNames[o.value] = o.textContent;
    });
    var labels = {};
    Array.prototype.forEach.call(document.getElementById('sok-type').options, function (o) {
      labels[o.value] = o.textContent;
    });
    document.querySelector('[data-uten-js]').hidden = true;
    form.hidden = false;
    document.getElementById('sok-resultat').hidden = false;

    var indexPromise = null;
    function index() {
      if (!indexPromise) indexPromise = load(form.getAttribute('data-indeks'), fetchJson);
      return indexPromise;
    }
    var wordsPromise = null;
    function wordList(ix) {
      if (!wordsPromise) {
        wordsPromise = ix.wordsUrl ? fetchJson(ix.wordsUrl).catch(function () { return []; }) : Promise.resolve([]);
      }
      return wordsPromise;
    }

    /* For "Ingen treff": the closest spelling in the index that finds
     * something, and the themes of what it finds or whose names are close
     * to the query (the themes page when there are none). */
    function wayForward(ix, q, filters) {
      return wordList(ix).then(function (list) {
        return suggest(ix, q, list, filters);
      }).then(function (found) {
        var counts = new Map();
        var fromHits = found ? ix.results(found.result.hits.slice(0, PAGE)) : Promise.resolve([]);
        return fromHits.then(function (rows) {
          rows.forEach(function (r) {
            (r.themes || []).forEach(function (t) { if (themeNames[t]) counts.set(t, (counts.get(t) || 0) + 1); });
          });
          var qWords = tokenize(q).map(trim).filter(Boolean);
          Object.keys(themeNames).forEach(function (slug) {
            var close = tokenize(themeNames[slug]).some(function (w) {
              w = trim(w);
              return qWords.some(function (q) {
                return Array.from(q).length >= 3 && (w.lastIndexOf(q, 0) === 0 || distance(q, w, 2) <= 2);
              });
            });
            if (close) counts.set(slug, (counts.get(slug) || 0) + 100);
          });
          var themes = Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
            .slice(0, 3).map(function (e) { return e[0]; });
          return { suggestion: found && found.query, themes: themes };
        });
      }).catch(function () { return { suggestion: null, themes: [] }; });
    }

    function showWayForward(way) {
      forward.textContent = '';
      if (way.suggestion) {
        var p = el('p', '', 'Mente du ');
        var a = el('a', '', way.suggestion);
        var u = new URLSearchParams(location.search);
        u.set('q', way.suggestion);
        a.href = '?' + u.toString();
        a.addEventListener('click', function (e) {
          e.preventDefault();
          input.value = way.suggestion;
          go('push');
        });
        p.appendChild(a);
        p.appendChild(document.createTextNode('?'));
        forward.appendChild(p);
      }
      var p2 = el('p', '', way.themes.length ? 'Temaer som kan ha det du leter etter: ' : 'Du kan også finne fram via ');
      if (way.themes.length) {
        way.themes.forEach(function (slug, i) {
          if (i) p2.appendChild(document.createTextNode(', '));
          var a = el('a', '', themeNames[slug]);
          a.href = '/temaer/' + slug + '/';
          p2.appendChild(a);
        });
        p2.appendChild(document.createTextNode('.'));
      } else {
        var all = el('a', '', 'temaene');
        all.href = '/temaer/';
        p2.appendChild(all);
        p2.appendChild(document.createTextNode('.'));
      }
      forward.appendChild(p2);
      forward.hidden = false;
    }

    function state() {
      var s = { q: input.value.trim() };
      Object.keys(selects).forEach(function (k) { s[k] = document.getElementById(selects[k]).value; });
      return s;
    }
    function toQuery(s) {
      var u = new URLSearchParams();
      Object.keys(params).forEach(function (k) { if (s[k]) u.set(params[k], s[k]); });
      var text = u.toString();
      return text ? '?' + text : location.pathname;
    }
    function fromUrl() {
      var u = new URLSearchParams(location.search);
      input.value = u.get('q') || '';
      Object.keys(selects).forEach(function (k) {
        var sel = document.getElementById(selects[k]);
        var v = u.get(params[k]) || '';
        sel.value = Array.prototype.some.call(sel.options, function (o) { return o.value === v; }) ? v : '';
      });
    }

    var run = 0;
    var shown = [];
    var current = null;
    function render(result, s, from) {
      var slice = result.hits.slice(from, from + PAGE);
      return index().then(function (ix) {
        return ix.results(slice).then(function (rows) { return withTexts(ix, rows, result.words); });
      }).then(function (rows) {
        var first = null;
        rows.forEach(function (r) {
          var li = el('li', 'treff-element');
          var h = el('h2', 'treff-tittel');
          var a = el('a');
          a.href = r.url;
          appendMarked(a, r.title, result.words);
          h.appendChild(a);
          li.appendChild(h);
          var meta = [labels[r.kind] || r.kind, r.context, longDate(r.date)].filter(Boolean).join(' · ');
          li.appendChild(el('p', 'treff-meta', meta));
          var shownExcerpt = excerptFor(r, result.words);
          if (shownExcerpt) {
            var p = el('p', 'treff-utdrag');
            appendMarked(p, shownExcerpt, result.words);
            li.appendChild(p);
          }
          list.appendChild(li);
          if (!first) first = a;
        });
        shown = shown.concat(slice);
        more.hidden = shown.length >= result.hits.length;
        return first;
      });
    }

    function go(history) {
      var s = state();
      var mine = ++run;
      if (history === 'push' && location.search !== toQuery(s)) window.history.pushState(null, '', toQuery(s));
      if (history === 'replace') window.history.replaceState(null, '', toQuery(s));
      if (!s.q) {
        list.textContent = '';
        more.hidden = true;
        status.textContent = '';
        forward.hidden = true;
        document.title = pageTitle;
        return Promise.resolve();
      }
      var filters = { type: s.type, year: s.year, theme: s.theme, org: s.org };
      var ix = null;
      return index().then(function (loaded) {
        ix = loaded;
        return search(ix, s.q, filters);
      }).then(function (result) {
        if (!result.hits.length) {
          return wayForward(ix, s.q, filters).then(function (way) { return { result: result, way: way }; });
        }
        return { result: result, way: null };
      }).then(function (both) {
        if (mine !== run) return;
        var result = both.result;
        current = result;
        shown = [];
        list.textContent = '';
        forward.hidden = true;
        var filtered = s.type || s.year || s.theme || s.org;
        var n = result.hits.length;
        // The query in the title: it names the page in the history, tabs and bookmarks.
        document.title = '«' + s.q + '»: ' + (n ? n + ' treff' : 'ingen treff') + ' – ' + pageTitle;
        if (!n) {
          status.textContent = 'Ingen treff på «' + s.q + '». Prøv et annet ord eller bare begynnelsen av ordet' +
            (filtered ? ', eller fjern avgrensningene.' : '.') +
            (both.way.suggestion ? ' Mente du «' + both.way.suggestion + '»?' : '');
          more.hidden = true;
          showWayForward(both.way);
          return;
        }
        status.textContent = (n === 1 ? '1 treff' : n + ' treff') + ' på «' + s.q + '»' +
          (result.partial ? ', de mest relevante av flere' : '') + (filtered ? ' med avgrensningene du har valgt.' : '.');
        return render(result, s, 0);
      }).catch(function () {
        if (mine !== run) return;
        status.textContent = 'Søket kunne ikke lastes. Last siden på nytt, eller finn fram via temaene og organisasjonene.';
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      // Announce once typing settles, not on every key.
      timer = setTimeout(function () { go('replace'); }, SETTLE_MS);
    });
    Object.keys(selects).forEach(function (k) {
      document.getElementById(selects[k]).addEventListener('change', function () { go('push'); });
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      go('push');
    });
    more.addEventListener('click', function () {
      if (!current) return;
      render(current, state(), shown.length).then(function (first) { if (first) first.focus(); });
    });
    window.addEventListener('popstate', function () {
      fromUrl();
      go(null);
    });
    fromUrl();
    if (input.value) go(null);
  }

  /* Opened from disk (`medvirk build --for-disk`): the browser does not let
   * a page read the index from file://, so say so where the no-JavaScript
   * note stands, and keep its links to browse by theme and organisation. */
  function fromDisk() {
    var note = document.querySelector('[data-uten-js] p');
    if (!note) return;
    var strong = document.createElement('strong');
    strong.textContent = 'Søket virker ikke når sidene er åpnet fra disk.';
    note.replaceChildren(strong, ' Nettleseren lar ikke sidene lese søkeindeksen fra en fil. Søk på nettstedet på nett, eller finn fram uten søk:');
    var next = note.nextElementSibling;
    if (next && next.tagName === 'P') next.remove();
  }

  /* Anywhere else: the header field asked for this script at the first key
   * typed; fetch the index (the manifest alone when it is split) so the
   * search page answers at once. */
  function warm() {
    if (location.protocol === 'file:') return;
    var field = document.querySelector('form.sokefelt[data-indeks]');
    if (field) load(field.getAttribute('data-indeks'), fetchJson).catch(function () {});
  }

  if (document.getElementById('sok-skjema')) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', page);
    else page();
  } else {
    warm();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);

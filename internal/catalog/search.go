package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Filter narrows a search or a browse; empty fields match everything.
// Audience "citizen" also matches items for both, and so on.
type Filter struct {
	Department string
	Theme      Theme
	Audience   Audience
}

// Hit is one published item found by Search, MostUsed or browsing.
type Hit struct {
	Code         string
	Version      int
	Name         string
	NameEn       string
	Department   string
	Kind         Kind
	Audience     Audience
	Themes       []Theme
	Mode         Mode
	Channel      Channel
	PromisedDays int
	Free         bool
	// Match says where the query matched: code, name, name_en, materials or
	// conditions ("" when browsing); Snippet is the material or the part of
	// the conditions that matched.
	Match   string
	Snippet string
	Uses    int64
}

// Facets count the published items per department, theme and audience, for
// the portal's browsing lists.
type Facets struct {
	Departments map[string]int
	Themes      map[Theme]int
	Audiences   map[Audience]int
	Total       int
}

// Search limits: a query is a few words, a page shows a few dozen hits, and
// paging reaches past any county's catalogue.
const (
	maxQueryRunes = 64
	maxQueryTerms = 8
	maxLimit      = 200
	maxOffset     = 10000
)

// Results is a page of search hits and how many items match in all.
type Results struct {
	Hits  []Hit
	Total int
}

// Search finds the published, not withdrawn items whose code, name,
// conditions or materials contain every word of query (a word being any run
// of at least one character; Chinese needs no spaces: 食品, 卫生许可).
// Ranking: an exact code first, then matches in the name (a name that is
// the query, then one that starts with it, then shorter names), then the
// English name, then materials, then conditions. An empty query browses
// the filtered items by code.
func (c *Catalog) Search(ctx context.Context, query string, f Filter, limit int) ([]Hit, error) {
	res, err := c.SearchPage(ctx, query, f, 0, limit)
	return res.Hits, err
}

// SearchPage is Search from the offset-th hit (0 for the best), with the number of
// matching items.
func (c *Catalog) SearchPage(ctx context.Context, query string, f Filter, offset, limit int) (Results, error) {
	if err := c.refresh(ctx); err != nil {
		return Results{}, err
	}
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	offset = min(max(offset, 0), maxOffset)
	hits, total := c.idx.search(terms(query), f, offset+limit)
	if offset >= len(hits) {
		return Results{Hits: []Hit{}, Total: total}, nil
	}
	return Results{Hits: hits[offset:], Total: total}, nil
}

// MostUsed lists the published items applied for most often.
func (c *Catalog) MostUsed(ctx context.Context, limit int) ([]Hit, error) {
	if err := c.refresh(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	rows, err := c.db.Query(ctx, `SELECT code, uses FROM catalog_items WHERE current_version > 0 AND withdrawn = FALSE
		ORDER BY uses DESC, code LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("catalog: unable to list the most used items: %w", err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var (
			code string
			uses int64
		)
		if err := rows.Scan(&code, &uses); err != nil {
			return nil, err
		}
		if h, ok := c.idx.hit(code); ok {
			h.Uses = uses
			out = append(out, h)
		}
	}
	return out, rows.Err()
}

// Facets counts the published items for browsing.
func (c *Catalog) Facets(ctx context.Context) (Facets, error) {
	if err := c.refresh(ctx); err != nil {
		return Facets{}, err
	}
	return c.idx.facets(), nil
}

// index is an in-process bigram index over the published, not withdrawn
// items: every pair of adjacent characters of each indexed text maps to the
// documents containing it. A query's bigrams narrow the candidates, and a
// substring test on the candidates decides and ranks. See doc.go for why.
type index struct {
	refreshing sync.Mutex // one reload at a time

	mu     sync.RWMutex
	loaded bool
	gen    int64
	docs   []doc
	byCode map[string]int32
	post   map[uint64][]uint32 // bigram → ascending entries id<<3 | where
	dead   int
}

// doc is an indexed item: its hit, and the normalised texts searched.
type doc struct {
	alive      bool
	hit        Hit
	code       string
	name       string
	nameEn     string
	conditions string
	materials  []string
	nameRunes  int
	// The texts as written, for snippets; normalize maps rune to rune, so
	// rune offsets agree between the two.
	rawConditions string
	rawMaterials  []string
}

func newIndex() *index {
	return &index{byCode: map[string]int32{}, post: map[uint64][]uint32{}}
}

// refresh brings the index up to the catalogue generation: one small query
// when nothing changed, else a reload of the items changed since.
func (c *Catalog) refresh(ctx context.Context) error {
	var gen int64
	if err := c.db.QueryRow(ctx, `SELECT gen FROM catalog_state WHERE id = 1`).Scan(&gen); err != nil {
		return fmt.Errorf("catalog: unable to read the generation: %w", err)
	}
	ix := c.idx
	ix.mu.RLock()
	current := ix.loaded && ix.gen >= gen
	ix.mu.RUnlock()
	if current {
		return nil
	}
	ix.refreshing.Lock()
	defer ix.refreshing.Unlock()
	ix.mu.RLock()
	since, current := ix.gen, ix.loaded && ix.gen >= gen
	ix.mu.RUnlock()
	if current {
		return nil
	}
	if !ix.loaded {
		since = -1
	}
	// Items changed after `since`; reading them after the generation means
	// nothing up to gen is missed (later changes are simply read early).
	rows, err := c.db.Query(ctx, `SELECT i.code, i.current_version, i.withdrawn, i.uses, COALESCE(v.body, '')
		FROM catalog_items i LEFT JOIN catalog_versions v ON v.code = i.code AND v.version = i.current_version
		WHERE i.gen > ?`, since)
	if err != nil {
		return fmt.Errorf("catalog: unable to reload the index: %w", err)
	}
	defer rows.Close()
	type change struct {
		code string
		doc  *doc
	}
	var changes []change
	for rows.Next() {
		var (
			code      string
			version   int
			withdrawn bool
			uses      int64
			body      string
		)
		if err := rows.Scan(&code, &version, &withdrawn, &uses, &body); err != nil {
			return err
		}
		if version == 0 || withdrawn || body == "" {
			changes = append(changes, change{code: code})
			continue
		}
		var it Item
		if err := json.Unmarshal([]byte(body), &it); err != nil {
			return fmt.Errorf("catalog: version %d of %s is unreadable: %w", version, code, err)
		}
		it.Code = code
		d := newDoc(it, version, uses)
		changes = append(changes, change{code: code, doc: &d})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, ch := range changes {
		ix.remove(ch.code)
		if ch.doc != nil {
			ix.add(*ch.doc)
		}
	}
	if ix.dead > 64 && ix.dead > len(ix.docs)/4 {
		ix.compact()
	}
	ix.gen, ix.loaded = max(ix.gen, gen), true
	return nil
}

func newDoc(it Item, version int, uses int64) doc {
	d := doc{
		alive:      true,
		code:       normalize(it.Code),
		name:       normalize(it.Name),
		nameEn:     normalize(it.NameEn),
		conditions: normalize(it.Conditions),
		nameRunes:  utf8.RuneCountInString(it.Name),
		hit: Hit{Code: it.Code, Version: version, Name: it.Name, NameEn: it.NameEn, Department: it.Department,
			Kind: it.Kind, Audience: it.Audience, Themes: it.Themes, Mode: it.Mode, Channel: it.Channel,
			PromisedDays: it.PromisedDays, Free: it.Free(), Uses: uses},
	}
	for _, m := range it.Materials {
		d.materials = append(d.materials, normalize(m.Name))
		d.rawMaterials = append(d.rawMaterials, m.Name)
	}
	d.rawConditions = it.Conditions
	return d
}

// Where in a doc a bigram occurs, as bits of a posting entry: the title
// (code and names), a material's name, or the conditions.
const (
	inTitle      = 1
	inMaterials  = 2
	inConditions = 4
	inAnywhere   = inTitle | inMaterials | inConditions
)

// texts are the searched texts of a doc with where they are, each indexed
// on its own so that no bigram spans two of them.
func (d *doc) texts(fn func(text string, where uint8)) {
	fn(d.code, inTitle)
	fn(d.name, inTitle)
	fn(d.nameEn, inTitle)
	for _, m := range d.materials {
		fn(m, inMaterials)
	}
	fn(d.conditions, inConditions)
}

func (ix *index) remove(code string) {
	if id, ok := ix.byCode[code]; ok {
		ix.docs[id].alive = false
		d := &ix.docs[id] // free the texts; its postings are skipped
		d.conditions, d.materials, d.rawConditions, d.rawMaterials = "", nil, "", nil
		delete(ix.byCode, code)
		ix.dead++
	}
}

func (ix *index) add(d doc) {
	id := int32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.byCode[d.hit.Code] = id
	where := map[uint64]uint8{}
	d.texts(func(t string, w uint8) {
		forBigrams(t, func(k uint64) { where[k] |= w })
	})
	for k, w := range where {
		ix.post[k] = append(ix.post[k], uint32(id)<<3|uint32(w))
	}
}

// compact drops dead docs and rebuilds the postings.
func (ix *index) compact() {
	alive := make([]doc, 0, len(ix.docs)-ix.dead)
	for _, d := range ix.docs {
		if d.alive {
			alive = append(alive, d)
		}
	}
	ix.docs, ix.byCode, ix.post, ix.dead = nil, map[string]int32{}, map[uint64][]uint32{}, 0
	for _, d := range alive {
		ix.add(d)
	}
}

func (ix *index) hit(code string) (Hit, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	id, ok := ix.byCode[code]
	if !ok {
		return Hit{}, false
	}
	return ix.docs[id].hit, true
}

func (ix *index) facets() Facets {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	f := Facets{Departments: map[string]int{}, Themes: map[Theme]int{}, Audiences: map[Audience]int{}}
	for _, d := range ix.docs {
		if !d.alive {
			continue
		}
		f.Total++
		f.Departments[d.hit.Department]++
		for _, t := range d.hit.Themes {
			f.Themes[t]++
		}
		f.Audiences[d.hit.Audience]++
	}
	return f
}

func (f Filter) admits(h Hit) bool {
	return (f.Department == "" || h.Department == f.Department) &&
		(f.Theme == "" || slices.Contains(h.Themes, f.Theme)) &&
		(f.Audience == "" || h.Audience.Serves(f.Audience))
}

// scored is a doc that matched, with what ranks it.
type scored struct {
	id        int32
	score     int
	nameRunes int
	code      string
}

// before reports whether a ranks above b: higher score, then (for a
// query) the shorter name, then the code.
func before(a, b *scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.nameRunes != b.nameRunes {
		return a.nameRunes < b.nameRunes
	}
	return a.code < b.code
}

// topK keeps the best k of what it is offered in a heap whose root is the
// worst kept, so a query matching thousands of items costs n·log k.
type topK struct {
	k    int
	heap []scored
}

func (t *topK) offer(s scored) {
	h := t.heap
	if len(h) < t.k {
		h = append(h, s)
		for i := len(h) - 1; i > 0; { // sift up: worse towards the root
			p := (i - 1) / 2
			if !before(&h[p], &h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		t.heap = h
		return
	}
	if !before(&s, &h[0]) {
		return
	}
	h[0] = s
	for i := 0; ; { // sift down
		l, r, worst := 2*i+1, 2*i+2, i
		if l < len(h) && before(&h[worst], &h[l]) {
			worst = l
		}
		if r < len(h) && before(&h[worst], &h[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// sorted returns what was kept, best first.
func (t *topK) sorted() []scored {
	sort.Slice(t.heap, func(i, j int) bool { return before(&t.heap[i], &t.heap[j]) })
	return t.heap
}

// search returns the best limit hits and how many docs match.
func (ix *index) search(words []string, f Filter, limit int) ([]Hit, int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	top := topK{k: limit}
	matched := 0
	if len(words) == 0 {
		for id := range ix.docs {
			if d := &ix.docs[id]; d.alive && f.admits(d.hit) {
				top.offer(scored{id: int32(id), code: d.hit.Code})
				matched++
			}
		}
	} else {
		for _, c := range ix.candidates(words) {
			d := &ix.docs[c.id]
			if !d.alive || !f.admits(d.hit) {
				continue
			}
			total := 0
			for i, w := range words {
				s := d.rank(w, uint8(c.where>>(3*i))&inAnywhere)
				if s == 0 {
					total = 0
					break
				}
				total += s
			}
			if total > 0 {
				top.offer(scored{id: c.id, score: total, nameRunes: d.nameRunes, code: d.hit.Code})
				matched++
			}
		}
	}
	found := top.sorted()
	out := make([]Hit, 0, len(found))
	for _, s := range found {
		d := &ix.docs[s.id]
		h := d.hit
		if len(words) > 0 {
			h.Match, h.Snippet = d.explain(words[0])
		}
		out = append(out, h)
	}
	return out, matched
}

// candidate is a doc that may match every word, with where each word's
// bigrams all occur (3 bits per word, in word order).
type candidate struct {
	id    int32
	where uint32
}

// candidates intersects the postings of every bigram of every word. Within
// a word the where-bits are and-ed: a bigram pair found only in different
// parts of a doc cannot be the word. A one-character word cannot narrow: it
// may be anywhere.
func (ix *index) candidates(words []string) []candidate {
	var out []candidate
	started := false
	for i, w := range words {
		entries, narrowed := ix.wordEntries(w)
		if !narrowed {
			continue
		}
		shift := 3 * uint(i)
		if !started {
			out = make([]candidate, len(entries))
			for k, e := range entries {
				out[k] = candidate{id: int32(e >> 3), where: (e & inAnywhere) << shift}
			}
			started = true
			continue
		}
		merged := out[:0]
		a, b := 0, 0
		for a < len(out) && b < len(entries) {
			ida, idb := out[a].id, int32(entries[b]>>3)
			switch {
			case ida < idb:
				a++
			case ida > idb:
				b++
			default:
				merged = append(merged, candidate{id: ida, where: out[a].where | (entries[b]&inAnywhere)<<shift})
				a++
				b++
			}
		}
		out = merged
	}
	if !started { // only one-character words: every doc
		out = make([]candidate, len(ix.docs))
		for k := range out {
			out[k] = candidate{id: int32(k)}
		}
	}
	for i, w := range words { // one-character words may be anywhere
		if utf8.RuneCountInString(w) < 2 {
			for k := range out {
				out[k].where |= inAnywhere << (3 * uint(i))
			}
		}
	}
	return out
}

// wordEntries intersects the postings of a word's bigrams, and-ing where
// they occur; narrowed is false for a word too short to have a bigram.
func (ix *index) wordEntries(w string) (entries []uint32, narrowed bool) {
	var lists [][]uint32
	missing := false
	forBigrams(w, func(k uint64) {
		p, ok := ix.post[k]
		missing = missing || !ok
		lists = append(lists, p)
	})
	if len(lists) == 0 {
		return nil, false
	}
	if missing {
		return nil, true
	}
	sort.Slice(lists, func(i, j int) bool { return len(lists[i]) < len(lists[j]) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		out = intersect(out, l)
		if len(out) == 0 {
			break
		}
	}
	return out, true
}

// intersect keeps the entries of a whose doc is in b, with the where-bits
// of both and-ed; entries left with no place are dropped.
func intersect(a, b []uint32) []uint32 {
	out := a[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch ida, idb := a[i]>>3, b[j]>>3; {
		case ida < idb:
			i++
		case ida > idb:
			j++
		default:
			if w := a[i] & b[j] & inAnywhere; w != 0 {
				out = append(out, ida<<3|w)
			}
			i++
			j++
		}
	}
	return out
}

// Weights of where a word matched; a doc's score is the sum over the words
// of the best place each matched.
const (
	scoreCode       = 100000
	scoreName       = 10000
	scoreNameExact  = 5000
	scoreNamePrefix = 1000
	scoreNameEn     = 6000
	scoreCodePrefix = 3000
	scoreMaterials  = 2000
	scoreConditions = 1000
)

// rank scores word w against d, looking only where the index says its
// bigrams all are. A two-character word is one bigram, so the index alone
// proves it is in the materials or the conditions; longer words are checked.
func (d *doc) rank(w string, where uint8) int {
	if where&inTitle != 0 {
		switch {
		case d.code == w:
			return scoreCode
		case strings.Contains(d.name, w):
			s := scoreName
			if d.name == w {
				s += scoreNameExact
			} else if strings.HasPrefix(d.name, w) {
				s += scoreNamePrefix
			}
			return s
		case strings.Contains(d.nameEn, w):
			return scoreNameEn
		case strings.HasPrefix(d.code, w):
			return scoreCodePrefix
		}
	}
	oneBigram := utf8.RuneCountInString(w) == 2
	if where&inMaterials != 0 {
		if oneBigram {
			return scoreMaterials
		}
		for _, m := range d.materials {
			if strings.Contains(m, w) {
				return scoreMaterials
			}
		}
	}
	if where&inConditions != 0 && (oneBigram || strings.Contains(d.conditions, w)) {
		return scoreConditions
	}
	return 0
}

// explain says where w matched d and with what snippet, for a hit shown.
func (d *doc) explain(w string) (string, string) {
	switch {
	case d.code == w:
		return "code", ""
	case strings.Contains(d.name, w):
		return "name", ""
	case strings.Contains(d.nameEn, w):
		return "name_en", ""
	case strings.HasPrefix(d.code, w):
		return "code", ""
	}
	for i, m := range d.materials {
		if strings.Contains(m, w) {
			return "materials", d.rawMaterials[i]
		}
	}
	if i := strings.Index(d.conditions, w); i >= 0 {
		return "conditions", excerpt(d.rawConditions, utf8.RuneCountInString(d.conditions[:i]), utf8.RuneCountInString(w))
	}
	return "", ""
}

// excerpt is about 40 characters of s around the n characters from
// character i, on one line.
func excerpt(s string, i, n int) string {
	const around = 20
	r := []rune(s)
	start, end := max(i-around, 0), min(i+n+around, len(r))
	out := strings.Join(strings.Fields(string(r[start:end])), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return out
}

// normalize folds what a searcher does not distinguish: letter case and
// full-width ASCII (as typed with a Chinese input method).
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			r -= '！' - '!'
		case r == '\u3000':
			r = ' '
		}
		return unicode.ToLower(r)
	}, s)
}

// terms splits a query into normalised words.
func terms(query string) []string {
	q := normalize(query)
	if utf8.RuneCountInString(q) > maxQueryRunes {
		q = string([]rune(q)[:maxQueryRunes])
	}
	words := strings.FieldsFunc(q, func(r rune) bool {
		return unicode.IsSpace(r) || r == '，' || r == ',' || r == '、' || r == '；' || r == ';'
	})
	if len(words) > maxQueryTerms {
		words = words[:maxQueryTerms]
	}
	return slices.Compact(words)
}

// forBigrams calls fn with every pair of adjacent characters of s that
// contains no white space.
func forBigrams(s string, fn func(uint64)) {
	var prev rune = -1
	for _, r := range s {
		if unicode.IsSpace(r) {
			prev = -1
			continue
		}
		if prev >= 0 {
			fn(uint64(prev)<<32 | uint64(r))
		}
		prev = r
	}
}

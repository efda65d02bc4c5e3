package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/shenpi/shenpi/internal/ident"
)

//go:embed locales/*.json
var localeFiles embed.FS

// Languages Shenpi speaks, the default first.
var (
	Chinese   = language.SimplifiedChinese
	English   = language.English
	languages = []language.Tag{Chinese, English}
	matcher   = language.NewMatcher(languages)
)

// catalogue translates message keys. Each area of the site keeps its own
// files, locales/AREA.LANG.json (base, portal, office…), so areas grow apart. Domain packages report problems by key
// (ident.resident_id.check, org.user.username_taken…); their texts live here
// or, for ident, in ident.Messages, added at start-up.
type catalogue struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
}

func newCatalogue() (*catalogue, error) {
	b := i18n.NewBundle(Chinese)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(localeFiles, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(localeFiles, f); err != nil {
			return nil, fmt.Errorf("web: catalogue %s: %w", f, err)
		}
	}
	for key, texts := range ident.Messages {
		if err := b.AddMessages(Chinese, &i18n.Message{ID: key, Other: texts[0]}); err != nil {
			return nil, err
		}
		if err := b.AddMessages(English, &i18n.Message{ID: key, Other: texts[1]}); err != nil {
			return nil, err
		}
	}
	c := &catalogue{bundle: b, localizers: map[string]*i18n.Localizer{}}
	for _, tag := range languages {
		c.localizers[tag.String()] = i18n.NewLocalizer(b, tag.String())
	}
	return c, nil
}

// T translates key into lang; data fills {{.Name}} placeholders. A missing
// key shows as the key itself, which the catalogue test catches first.
func (c *catalogue) T(lang, key string, data map[string]any) string {
	l, ok := c.localizers[lang]
	if !ok {
		l = c.localizers[Chinese.String()]
	}
	s, err := l.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		return key
	}
	return s
}

// pickLang chooses the language for a request: the user's saved choice, then
// the lang cookie, then Accept-Language, then Chinese.
func pickLang(r *http.Request, saved string) string {
	if saved != "" {
		return normaliseLang(saved)
	}
	if c, err := r.Cookie("lang"); err == nil {
		return normaliseLang(c.Value)
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if len(tags) == 0 {
		return Chinese.String()
	}
	_, i, _ := matcher.Match(tags...)
	return languages[i].String()
}

// normaliseLang maps anything but English to the default, Chinese.
func normaliseLang(s string) string {
	if s == English.String() {
		return s
	}
	return Chinese.String()
}

// Package messages holds Shenpi's message texts in Chinese and English (the
// files under locales/) and picks a request's language. Each area of the
// site keeps its own files, locales/AREA.LANG.json (base, case, catalog,
// flow, workday), so areas grow apart. Domain packages report problems by
// key (ident.resident_id.check, org.user.username_taken…); their texts live
// here or, for ident, in ident.Messages, added when the messages are loaded.
//
// "Messages" is the word for these texts throughout the web layer, so that
// "catalog" means only the approval item catalog.
package messages

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"slices"

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

// Messages translates message keys.
type Messages struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	needs      map[string][]string // key → the placeholders its texts use
}

// MissingArgs, when set, is told of every message rendered without a value
// for one of its placeholders, which would show as a gap ("不超过  MB"). The
// web tests set it, so that a refusal whose arguments were lost on the way
// fails them. Set it before any message is rendered.
var MissingArgs func(key, name string)

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// Load reads every message file and ident's texts.
func Load() (*Messages, error) {
	b := i18n.NewBundle(Chinese)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(localeFiles, "locales/*.json")
	if err != nil {
		return nil, fmt.Errorf("messages: unable to list the message files: %w", err)
	}
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(localeFiles, f); err != nil {
			return nil, fmt.Errorf("messages: unable to load %s: %w", f, err)
		}
	}
	m := &Messages{bundle: b, localizers: map[string]*i18n.Localizer{}, needs: map[string][]string{}}
	for _, f := range files {
		if err := m.notePlaceholders(f); err != nil {
			return nil, err
		}
	}
	for key, texts := range ident.Messages {
		m.note(key, texts[0])
		m.note(key, texts[1])
		if err := b.AddMessages(Chinese, &i18n.Message{ID: key, Other: texts[0]}); err != nil {
			return nil, fmt.Errorf("messages: unable to add %s: %w", key, err)
		}
		if err := b.AddMessages(English, &i18n.Message{ID: key, Other: texts[1]}); err != nil {
			return nil, fmt.Errorf("messages: unable to add %s: %w", key, err)
		}
	}
	for _, tag := range languages {
		m.localizers[tag.String()] = i18n.NewLocalizer(b, tag.String())
	}
	return m, nil
}

// T translates key into lang; data fills {{.Name}} placeholders. A missing
// key shows as the key itself, which the message tests catch first.
func (m *Messages) T(lang, key string, data map[string]any) string {
	l, ok := m.localizers[lang]
	if !ok {
		l = m.localizers[Chinese.String()]
	}
	s, err := l.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		return key
	}
	if MissingArgs != nil {
		for _, name := range m.needs[key] {
			if v, ok := data[name]; !ok || v == nil || v == "" {
				MissingArgs(key, name)
			}
		}
	}
	return s
}

// notePlaceholders records the placeholders of every text in one message file.
func (m *Messages) notePlaceholders(file string) error {
	raw, err := localeFiles.ReadFile(file)
	if err != nil {
		return fmt.Errorf("messages: unable to read %s: %w", file, err)
	}
	var texts map[string]string
	if err := json.Unmarshal(raw, &texts); err != nil {
		return fmt.Errorf("messages: unable to read %s: %w", file, err)
	}
	for key, text := range texts {
		m.note(key, text)
	}
	return nil
}

// note records the placeholders text uses for key.
func (m *Messages) note(key, text string) {
	for _, sub := range placeholder.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(m.needs[key], sub[1]) {
			m.needs[key] = append(m.needs[key], sub[1])
		}
	}
}

// Pick chooses the language for a request: the user's saved choice, then
// the lang cookie, then Accept-Language, then Chinese.
func Pick(r *http.Request, saved string) string {
	if saved != "" {
		return Normalise(saved)
	}
	if c, err := r.Cookie("lang"); err == nil {
		return Normalise(c.Value)
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if len(tags) == 0 {
		return Chinese.String()
	}
	_, i, _ := matcher.Match(tags...)
	return languages[i].String()
}

// Normalise maps anything but English to the default, Chinese.
func Normalise(s string) string {
	if s == English.String() {
		return s
	}
	return Chinese.String()
}

// InLang picks the English text on an English page when there is one.
func InLang(lang, zh, en string) string {
	if lang == English.String() && en != "" {
		return en
	}
	return zh
}

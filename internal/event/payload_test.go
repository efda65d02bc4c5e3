package event_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/tasks"
)

// allPayloads is every domain's published payloads, checked to name each
// event type once.
func allPayloads(t *testing.T) event.Payloads {
	t.Helper()
	all := event.Payloads{}
	for _, ps := range []event.Payloads{auth.Payloads, casework.Payloads, catalog.Payloads, deadline.Payloads, org.Payloads, process.Payloads, process.FlowPayloads, tasks.Payloads, site.Payloads} {
		for typ, p := range ps {
			if _, dup := all[typ]; dup {
				t.Fatalf("%s is published by two domains", typ)
			}
			if reflect.TypeOf(p).Kind() != reflect.Struct {
				t.Fatalf("%s: the payload %T is not a struct", typ, p)
			}
			all[typ] = p
		}
	}
	return all
}

// decodeStrictly reads raw as the payload registered for typ, refusing a
// key the struct does not have.
func decodeStrictly(ps event.Payloads, typ string, raw []byte) (any, error) {
	p := reflect.New(reflect.TypeOf(ps[typ])).Interface()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return p, dec.Decode(p)
}

// TestPayloadsReadTheStoredLog: payloads as the domains stored them before
// they had types (testdata: one of each shape, collected from every test's
// log, plus the few types no test wrote) decode into the published structs
// with no key left over, and encode back to the same values — so a log
// written before still reads, and (since each event's hash covers its stored
// bytes) still verifies. Every type the domains publish has a sample.
func TestPayloadsReadTheStoredLog(t *testing.T) {
	all := allPayloads(t)
	f, err := os.Open("testdata/payloads-before-types.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sampled := map[string]bool{}
	lines := bufio.NewScanner(f)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		typ, raw, _ := strings.Cut(lines.Text(), "\t")
		if _, ok := all[typ]; !ok {
			t.Errorf("%s is stored but no domain publishes it", typ)
			continue
		}
		sampled[typ] = true
		p, err := decodeStrictly(all, typ, []byte(raw))
		if err != nil {
			t.Errorf("%s %s: %v", typ, raw, err)
			continue
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if !sameValues(t, []byte(raw), again) {
			t.Errorf("%s: stored %s, reads back as %s", typ, raw, again)
		}
		// A consumer's way in: the domain's table by type alone.
		if got, err := all.Decode(event.Event{Type: typ, Payload: json.RawMessage(raw)}); err != nil || !reflect.DeepEqual(got, p) {
			t.Errorf("%s: Payloads.Decode gave %+v, %v", typ, got, err)
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	for typ := range all {
		if !sampled[typ] {
			t.Errorf("%s has no stored sample", typ)
		}
	}
}

// sameValues reports whether two JSON objects hold the same values, a key
// missing on one side matching a zero value (null, 0, "", false, empty) on
// the other: what a decoder sees.
func sameValues(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y map[string]any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	keys := maps.Clone(x)
	maps.Copy(keys, y)
	for k := range keys {
		if !reflect.DeepEqual(x[k], y[k]) && !(zero(x[k]) && zero(y[k])) {
			return false
		}
	}
	return true
}

func zero(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.IsZero() || (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map) && rv.Len() == 0
}

// TestPayloadsRoundTrip: every published payload, filled in, survives an
// append's encoding and a consumer's decoding by type unchanged.
func TestPayloadsRoundTrip(t *testing.T) {
	all := allPayloads(t)
	at := time.Date(2026, 11, 29, 1, 30, 0, 0, time.UTC)
	for typ, zeroValue := range all {
		p := reflect.New(reflect.TypeOf(zeroValue))
		fill(p.Elem(), at)
		raw, err := json.Marshal(p.Interface())
		if err != nil {
			t.Fatal(err)
		}
		got, err := all.Decode(event.Event{Stream: "s", Seq: 1, Type: typ, Payload: raw})
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if !reflect.DeepEqual(got, p.Interface()) {
			t.Errorf("%s: encoded %+v, decoded %+v", typ, p.Elem(), got)
		}
	}
}

// fill sets every field of v to a value that is not its zero, recursively.
func fill(v reflect.Value, at time.Time) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x-" + v.Type().Name())
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), at)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, at)
		fill(e, at)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), at)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(at) {
			v.Set(reflect.ValueOf(at))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), at)
			}
		}
	}
}

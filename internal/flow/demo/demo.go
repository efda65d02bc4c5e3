// Package demo holds example approval processes for the demo and for tests: a serial
// one-department process, a joint approval with a lead and two assisting departments, a
// countersign of three departments, and a review loop capped at three rounds. Each passes
// flow.Check.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/shenpi/shenpi/internal/flow"
)

//go:embed *.json
var files embed.FS

// Names lists the demo definitions by file name without extension, sorted.
func Names() []string {
	entries, _ := fs.Glob(files, "*.json")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e[:len(e)-len(".json")])
	}
	sort.Strings(names)
	return names
}

// JSON returns the raw definition called name.
func JSON(name string) ([]byte, error) {
	return files.ReadFile(name + ".json")
}

// Definition parses the definition called name.
func Definition(name string) (*flow.Definition, error) {
	data, err := JSON(name)
	if err != nil {
		return nil, fmt.Errorf("demo: unknown definition %q", name)
	}
	return flow.ParseDefinition(data)
}

// All parses every demo definition, in the order of Names.
func All() ([]*flow.Definition, error) {
	var defs []*flow.Definition
	for _, name := range Names() {
		d, err := Definition(name)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", name, err)
		}
		defs = append(defs, d)
	}
	return defs, nil
}

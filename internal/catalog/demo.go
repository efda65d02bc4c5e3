package catalog

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
)

// demoItems is the demo catalogue: realistic items of the demo departments
// (internal/demo), in the import format.
//
//go:embed demo/items.json
var demoItems []byte

// DemoDocument returns the demo catalogue as parsed from its embedded file.
func DemoDocument() (Document, error) {
	return ParseDocument(bytes.NewReader(demoItems))
}

// LoadDemo imports and publishes the demo catalogue through Import, so it is
// checked like any import. It is idempotent: an item already published
// with the same content is left alone. The demo departments must exist.
func LoadDemo(ctx context.Context, c *Catalog, actor string) error {
	doc, err := DemoDocument()
	if err != nil {
		return fmt.Errorf("catalog: demo catalogue: %w", err)
	}
	if _, err := c.Import(ctx, actor, doc, ImportOptions{Publish: true}); err != nil {
		return fmt.Errorf("catalog: demo catalogue: %w", err)
	}
	return nil
}

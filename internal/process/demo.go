package process

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/flow/demo"
)

// LoadDemo publishes flow's four demo definitions (serial, joint, countersign, loop) for
// every region, unless a version of the key is already published. It is idempotent: run
// again it changes nothing, and a draft left by an interrupted run is published.
func LoadDemo(ctx context.Context, p *Processes, actor string) error {
	defs, err := demo.All()
	if err != nil {
		return err
	}
	for _, def := range defs {
		versions, err := p.Versions(ctx, def.Key)
		if err != nil {
			return err
		}
		if hasPublished(versions) {
			continue
		}
		rec, err := p.SaveDraft(ctx, actor, Scope{}, def)
		if err != nil {
			return fmt.Errorf("process: demo %s: %w", def.Key, err)
		}
		if _, err := p.Publish(ctx, actor, rec.Key, rec.Version); err != nil {
			return fmt.Errorf("process: demo %s: %w", def.Key, err)
		}
	}
	return nil
}

func hasPublished(versions []Info) bool {
	for _, v := range versions {
		if v.Status == StatusPublished {
			return true
		}
	}
	return false
}

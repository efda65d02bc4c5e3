package main

import (
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/event"
)

// projectors are the tables every append on the database keeps up to date
// in its own transaction (see event.Projectors): the catalogue's count of
// each item's applications, moved by casework's submissions.
func projectors() *event.Projectors {
	ps := event.NewProjectors()
	catalog.ProjectUses[casework.SubmittedPayload](ps, casework.EventSubmitted)
	return ps
}

package flow

import "testing"

// TestDistinctFrom: a step kept apart from the handling step refuses whoever handled
// the case — directly or as a deputy's principal — every action on it, and takes a
// colleague; Check refuses a reference to no task.
func TestDistinctFrom(t *testing.T) {
	def := serialDef()
	for i := range def.Nodes {
		if def.Nodes[i].ID == "review" {
			// The handlers review each other's work: li may not review what li handled.
			def.Nodes[i].Assignee = roleIn("item", "handler")
			def.Nodes[i].DistinctFrom = []string{"handle"}
		}
	}
	c := newCase(t, def)
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	handle := c.open("handle")
	c.do(Complete{Meta: c.meta("li"), TaskID: handle.ID, Outcome: OutcomeApprove, Opinion: "拟同意"})
	review := c.open("review")
	for _, cmd := range []Command{
		Claim{Meta: c.meta("li"), TaskID: review.ID},
		Complete{Meta: c.meta("li"), TaskID: review.ID, Outcome: OutcomeApprove, Opinion: "同意"},
		Transfer{Meta: c.meta("li"), TaskID: review.ID, ToUser: "li"},
	} {
		wantErr(t, c.try(cmd), ErrSamePerson)
	}
	c.do(Claim{Meta: c.meta("zhao"), TaskID: review.ID})
	c.do(Complete{Meta: c.meta("zhao"), TaskID: review.ID, Outcome: OutcomeApprove, Opinion: "同意"})
	c.wantOpen("approve")

	bad := serialDef()
	bad.Nodes[2].DistinctFrom = []string{"nowhere"}
	bad.Nodes[len(bad.Nodes)-1].DistinctFrom = []string{"handle"}
	if ps := Check(bad); len(ps) != 2 {
		t.Fatalf("Check: %v", ps)
	}
}

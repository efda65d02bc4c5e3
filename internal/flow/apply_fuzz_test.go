package flow

import (
	"encoding/json"
	"testing"
)

// FuzzApply feeds Apply states it never produced (as a corrupted database row would) and
// every kind of command: it may refuse them, but must not panic.
func FuzzApply(f *testing.F) {
	c := newCase(f, jointDef(WaitFirst, 2))
	c.start(map[string]any{"amount": 1})
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	seed, _ := json.Marshal(c.st)
	f.Add(seed, uint8(0), "t5", "lead")
	f.Add(seed, uint8(3), "t4", "accept")
	f.Add([]byte(`{"status":"running","definition_key":"joint","definition_version":1,"tokens":[{"id":"k1","node":"merge","scopes":[{"id":"s","branches":-1}]}],"tasks":[{"id":"t1","node":"lead","token":"k9","status":"open","assignee":"x"}]}`), uint8(1), "t1", "merge")
	f.Fuzz(func(t *testing.T, data []byte, kind uint8, taskID, node string) {
		var st State
		if json.Unmarshal(data, &st) != nil {
			return
		}
		eng := Engine{Directory: testDirectory()}
		m := Meta{RequestID: "fuzz", Actor: "x"}
		for _, actor := range []string{"x", "lead1", "A2h", "admin"} {
			m.Actor = actor
			cmds := []Command{
				Complete{Meta: m, TaskID: taskID, Outcome: node},
				Complete{Meta: m, TaskID: taskID, Outcome: OutcomeApprove},
				Return{Meta: m, TaskID: taskID, ToNode: node, Reason: "r"},
				TakeBack{Meta: m, TaskID: taskID},
				Skip{Meta: m, NodeID: node, Reason: "r"},
				Jump{Meta: m, ToNode: node, Reason: "r"},
				AddSigner{Meta: m, TaskID: taskID, Party: Assignee{Kind: AssignUser, User: "wu"}},
				Insert{Meta: m, After: node, Node: task("ins", &Assignee{Kind: AssignUser, User: "wu"}), Reason: "r"},
				Reassign{Meta: m, TaskID: taskID, ToUser: "wu", Reason: "r"},
				Transfer{Meta: m, TaskID: taskID, ToUser: "wu"},
				Claim{Meta: m, TaskID: taskID},
				Resume{Meta: m, Reason: "r"},
				Terminate{Meta: m, Result: ResultRefused, Reason: "r"},
			}
			_, _, _ = eng.Apply(c.def, st, cmds[int(kind)%len(cmds)], t0)
		}
	})
}

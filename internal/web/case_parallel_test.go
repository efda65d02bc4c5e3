package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// foodFormJSON is a complete answer to the food licence's form, as the API takes it.
func foodFormJSON() map[string]any {
	return map[string]any{"applicant": "玄武小馆餐饮有限公司", "credit_code": "91350100M000100Y43", "legal_rep": "张三",
		"legal_rep_id": "11010519491231002X", "mobile": "13812345678", "premises": "南京市玄武区北京东路1号", "region": "320102",
		"format": "catering", "scope": "热食类食品制售", "area": 120, "online": false,
		"staff": []map[string]any{{"name": "张三", "id_number": "11010519491231002X"}}}
}

// TestParallelSubmissionsHoldTheirOwnMaterials is issue 11's first finding: clients of
// one applicant uploading and submitting at once each get a case holding exactly the
// files its request named, however the uploads and submissions interleave.
func TestParallelSubmissionsHoldTheirOwnMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		tok, err := s.a.NewToken(context.Background(), "test", s.f.Users["citizen1"], "t")
		if err != nil {
			t.Fatal(err)
		}
		for _, clients := range []int{2, 8} {
			t.Run(fmt.Sprintf("%d clients", clients), func(t *testing.T) {
				submitInParallel(t, s, tok, clients, 3)
			})
		}
	})
}

// submitInParallel has each of clients submit rounds applications, each naming files
// of its own, and checks every case's materials against its request.
func submitInParallel(t *testing.T, s *catalogSite, tok string, clients, rounds int) {
	type submitted struct {
		number string
		named  []string // slot:sha256, sorted
	}
	var (
		mu    sync.Mutex
		cases []submitted
		wg    sync.WaitGroup
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				var refs []map[string]any
				var named []string
				for slot := range 5 {
					content := fmt.Appendf(nil, "%%PDF-1.7\nclient %d round %d slot %d of %d\n%%%%EOF", c, round, slot, clients)
					res := s.api(tok, "POST", fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d&filename=m%d.pdf", foodItem, slot, slot), content)
					var m struct{ SHA256 string }
					if res.status != 201 || json.Unmarshal([]byte(res.body), &m) != nil {
						t.Errorf("upload: %d %s", res.status, res.body)
						return
					}
					refs = append(refs, map[string]any{"slot": slot, "sha256": m.SHA256})
					named = append(named, fmt.Sprintf("%d:%s", slot, m.SHA256))
				}
				body, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodFormJSON(), "materials": refs})
				res := s.api(tok, "POST", "/api/v1/cases", body)
				var cs struct{ Number string }
				if res.status != 201 || json.Unmarshal([]byte(res.body), &cs) != nil {
					t.Errorf("submission: %d %s", res.status, res.body)
					return
				}
				slices.Sort(named)
				mu.Lock()
				cases = append(cases, submitted{cs.Number, named})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	wrong := 0
	for _, cs := range cases {
		held := caseMaterials(t, s.db, cs.number)
		if !slices.Equal(held, cs.named) {
			wrong++
			t.Errorf("case %s holds %d materials %v, its request named %v", cs.number, len(held), held, cs.named)
		}
	}
	if wrong > 0 || len(cases) != clients*rounds {
		t.Errorf("%d of %d cases hold materials their request did not name (%d submitted)", wrong, len(cases), clients*rounds)
	}
}

// caseMaterials lists a case's materials as slot:sha256, sorted.
func caseMaterials(t *testing.T, db *store.DB, number string) []string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT slot, sha256 FROM materials WHERE owner = ?`, "case:"+number)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var slot int
		var sha string
		if err := rows.Scan(&slot, &sha); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d:%s", slot, sha))
	}
	slices.Sort(out)
	return out
}

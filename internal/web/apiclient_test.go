package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/api/apiclient"
)

// TestTypedClientDrivesACase applies for an item through the client that
// oapi-codegen generates from the OpenAPI document, as a department system
// or a window terminal would: upload the materials, submit, read the case
// back, page the applicant's cases and add a material. Every exchange also
// passes the document's validation (apitest).
func TestTypedClientDrivesACase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		tok, err := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		if err != nil {
			t.Fatal(err)
		}
		bearer := func(_ context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+tok)
			return nil
		}
		c, err := apiclient.NewClientWithResponses(s.srv.URL+"/api/v1", apiclient.WithRequestEditorFn(bearer))
		if err != nil {
			t.Fatal(err)
		}
		me, err := c.GetMeWithResponse(ctx)
		if err != nil || me.JSON200 == nil {
			t.Fatalf("me: %v %s", err, me.Body)
		}
		var materials []apiclient.Material
		for slot := range 5 {
			name := fmt.Sprintf("m%d.pdf", slot)
			up, err := c.UploadFileWithBodyWithResponse(ctx, &apiclient.UploadFileParams{Item: foodItem, Slot: slot, Filename: &name},
				"application/octet-stream", bytes.NewReader(pdfFile))
			if err != nil || up.JSON201 == nil {
				t.Fatalf("upload %d: %v %d %s", slot, err, up.StatusCode(), up.Body)
			}
			materials = append(materials, apiclient.Material{Slot: up.JSON201.Slot, Sha256: up.JSON201.Sha256})
		}
		form := foodAPIForm()
		// A refused application names every problem, typed.
		bad := map[string]any{"mobile": "123"}
		refused, err := c.SubmitCaseWithResponse(ctx, nil, apiclient.CaseCreate{Item: foodItem, Form: &bad, Materials: &materials})
		if err != nil || refused.JSON422 == nil || refused.JSON422.Error.Fields == nil || (*refused.JSON422.Error.Fields)["mobile"] == "" {
			t.Fatalf("a bad application: %v %d %s", err, refused.StatusCode(), refused.Body)
		}
		created, err := c.SubmitCaseWithResponse(ctx, nil, apiclient.CaseCreate{Item: foodItem, Form: &form, Materials: &materials})
		if err != nil || created.JSON201 == nil || created.JSON201.Status != "submitted" || created.JSON201.AcceptanceDue == nil {
			t.Fatalf("submit: %v %d %s", err, created.StatusCode(), created.Body)
		}
		number := created.JSON201.Number
		got, err := c.GetCaseWithResponse(ctx, number)
		if err != nil || got.JSON200 == nil || got.JSON200.Materials == nil || len(*got.JSON200.Materials) != 5 {
			t.Fatalf("get: %v %s", err, got.Body)
		}
		limit := 1
		page, err := c.ListCasesWithResponse(ctx, &apiclient.ListCasesParams{Mine: "1", Limit: &limit})
		if err != nil || page.JSON200 == nil || page.JSON200.Total != 1 || len(page.JSON200.Cases) != 1 || page.JSON200.Cases[0].Number != number ||
			page.JSON200.NextCursor != nil {
			t.Fatalf("my cases: %v %s", err, page.Body)
		}
		name := "补充.pdf"
		added, err := c.AddCaseMaterialWithBodyWithResponse(ctx, number, &apiclient.AddCaseMaterialParams{Slot: 0, Filename: &name},
			"application/octet-stream", bytes.NewReader(pdfFile))
		if err != nil || added.JSON201 == nil {
			t.Fatalf("add a material: %v %d %s", err, added.StatusCode(), added.Body)
		}
		other, err := c.GetCaseWithResponse(ctx, "320102-20200101-00001")
		if err != nil || other.JSON404 == nil {
			t.Fatalf("a case that is not there: %v %d %s", err, other.StatusCode(), other.Body)
		}
	})
}

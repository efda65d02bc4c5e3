package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
)

// Services are what the demo cases are made through.
type Services struct {
	DB        *store.DB
	Org       *org.Org
	Catalog   *catalog.Catalog
	Casework  *casework.Casework
	Processes *process.Processes
}

// caseSpec is a demo case: an application a clerk registered at the window, the
// process its item runs started on receipt, and the steps already done, each by whom.
type caseSpec struct {
	applicant, clerk, item string
	form                   casework.Form
	materials              []string // a file name per slot, in slot order
	done                   [][2]string
}

// A small valid file of each kind the demo materials use.
var (
	demoPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	demoPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
)

var cases = []caseSpec{
	{applicant: "citizen1", clerk: "clerk1", item: "320102-SCJG-DJ-002",
		form: casework.Form{"applicant": "张伟", "id_number": "320102198503120012", "mobile": "13812345678",
			"shop_name": "张记小吃", "premises": "南京市玄武区中山路18号101室", "scope": "小吃服务；食品销售（仅销售预包装食品）",
			"capital": "5", "employees": "2", "family": "no"},
		materials: []string{"申请书.pdf", "身份证.png", "租赁协议.pdf"}},
	{applicant: "citizen2", clerk: "clerk1", item: "320102-SCJG-XK-004",
		form: casework.Form{"applicant": "李娜", "id_number": "320104199007150025", "mobile": "13951234567",
			"workshop": "李记糕团坊", "premises": "南京市玄武区珠江路66号", "products": "糕点（米糕、青团）", "area": "45"},
		materials: []string{"登记申请表.pdf", "营业执照.pdf", "布局图.png", "健康证明.pdf"},
		done:      [][2]string{{"accept", "clerk1"}, {"handle", "handler1"}}},
}

// uploads are the case's materials, a small valid file each.
func (c caseSpec) uploads() []casework.Upload {
	var out []casework.Upload
	for slot, name := range c.materials {
		data := demoPDF
		if strings.HasSuffix(name, ".png") {
			data = demoPNG
		}
		out = append(out, casework.Upload{Slot: slot, Filename: name, Data: data})
	}
	return out
}

// LoadCases registers the demo cases that are missing and moves each through the
// steps it has done, so that the work queues, the case pages with their charts and
// the per-case changes have something to show. A case is missing when its applicant
// has none for its item.
func LoadCases(ctx context.Context, s Services) error {
	for _, c := range cases {
		if err := loadCase(ctx, s, c); err != nil {
			return fmt.Errorf("demo: case of %s for %s: %w", c.applicant, c.item, err)
		}
	}
	return nil
}

func loadCase(ctx context.Context, s Services, c caseSpec) error {
	applicant, _, err := s.Org.UserWithHash(ctx, c.applicant)
	if err != nil {
		return err
	}
	for req := (keyset.Request{Size: keyset.MaxSize}); ; {
		mine, err := s.Casework.Mine(ctx, applicant.ID, req)
		if err != nil {
			return err
		}
		for _, cs := range mine.Items {
			if cs.ItemCode == c.item {
				return nil
			}
		}
		if mine.Next.IsZero() {
			break
		}
		req.After = mine.Next
	}
	clerk, _, err := s.Org.UserWithHash(ctx, c.clerk)
	if err != nil {
		return err
	}
	ver, err := s.Catalog.Current(ctx, c.item)
	if err != nil {
		return err
	}
	dept, err := s.Org.DepartmentByCode(ctx, ver.Department)
	if err != nil {
		return err
	}
	region, err := s.Org.Region(ctx, dept.RegionCode)
	if err != nil {
		return err
	}
	reg, err := s.Casework.PrepareRegistration(clerk, applicant, casework.ItemOf(ver, dept, region), c.form, c.uploads())
	if err != nil {
		return err
	}
	// The case is received and its process started in one transaction: a
	// case never exists without its process.
	var (
		id string
		st flow.State
	)
	err = s.DB.Tx(ctx, func(tx *store.Tx) error {
		cs, err := s.Casework.RegisterIn(ctx, tx, reg)
		if err != nil {
			return err
		}
		tx.Then(func(ctx context.Context, tx *store.Tx) error { // once the case has its number
			id = string(cs.Number)
			st, err = s.Processes.Start(ctx, tx, id, casework.Stream(cs.Number), ver.ProcessKey, 0, flow.Start{
				Meta: flow.Meta{RequestID: "demo-start-" + id, Actor: clerk.Username}, Departments: flow.Departments{Item: dept.Code},
			})
			return err
		})
		return nil
	})
	if err != nil {
		return err
	}
	for _, step := range c.done {
		var task *flow.Task
		for _, t := range st.OpenTasks() {
			if t.Node == step[0] {
				task = &t
			}
		}
		if task == nil {
			return fmt.Errorf("no open step %s", step[0])
		}
		st, err = s.Processes.Run(ctx, id, flow.Complete{
			Meta: flow.Meta{RequestID: "demo-" + step[0] + "-" + id, Actor: step[1]}, TaskID: task.ID, Outcome: flow.OutcomeApprove,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

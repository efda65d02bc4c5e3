package tasks

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/workday"
)

// View is which list a staff member reads.
type View string

const (
	ToDo       View = "todo"       // 待办: their open tasks and those they may claim
	Done       View = "done"       // 已办: the tasks they completed
	Department View = "department" // the department's open tasks, for its head
)

// Due narrows a to-do by time left.
const (
	DueSoon    = "soon"    // due within SoonDays working days
	DueOverdue = "overdue" // past due
)

// SoonDays is how close "due soon" is, in working days.
const SoonDays = 2

// The most cases an item or applicant search narrows a list to: beyond it the staff
// member is asked to search more narrowly.
const maxSearched = 500

// Filter is a list as the staff member asks for it.
type Filter struct {
	View   View
	Item   string // an item code
	Step   string // a step's name
	Due    string // DueSoon, DueOverdue or ""
	Search string // a case number (or its start), or part of an applicant's name
	After  string // the cursor of the previous page
	Limit  int
}

// Row is one task of a list, with its case, the people named, and its step's clock.
type Row struct {
	process.TaskEntry
	Case       casework.Case // without its materials
	Applicant  string        // the applicant's name
	HolderName string        // the name of whom the task is with, "" while it may be claimed
	DoneByName string        // the name of who completed it
	Clock      *deadline.ClockState
	Claimable  bool // the user may claim it (签收)
}

// Page is one page of a list: its rows, the list's total under the filter, and the
// cursor of the next page ("" on the last).
type Page struct {
	Rows  []Row
	Total int
	Next  string
}

var numberStart = regexp.MustCompile(`^[0-9][0-9-]*$`)

// List reads one page of actor's list. Five statements whatever the page's length:
// the page and its count, its cases, the names, the clocks.
func (t *Tasks) List(ctx context.Context, actor org.User, f Filter) (Page, error) {
	if !auth.CanWorkOnTasks(actor) || f.View == Department && !auth.CanSeeDepartmentCases(actor) {
		return Page{}, ErrNotFound
	}
	q, err := t.queueFilter(ctx, actor, f)
	if err != nil {
		return Page{}, err
	}
	var tp process.TaskPage
	switch f.View {
	case Done:
		tp, err = t.procs.Done(ctx, actor.Username, q)
	case Department:
		tp, err = t.procs.DepartmentQueue(ctx, actor.DepartmentID, q)
	default:
		tp, err = t.procs.Queue(ctx, actor.Username, q)
	}
	if err != nil {
		return Page{}, err
	}
	rows, err := t.rows(ctx, actor, tp.Tasks)
	return Page{Rows: rows, Total: tp.Total, Next: tp.Next}, err
}

// queueFilter turns the staff member's filter into the queue's: a search by case number
// stays in the queue's index; an item or an applicant becomes the set of their cases.
func (t *Tasks) queueFilter(ctx context.Context, actor org.User, f Filter) (process.QueueFilter, error) {
	q := process.QueueFilter{Node: f.Step, After: f.After, Limit: f.Limit}
	search := strings.TrimSpace(f.Search)
	var applicants []int64
	switch {
	case search == "":
	case numberStart.MatchString(search):
		q.Number = search
	default:
		ids, err := t.org.ApplicantsNamed(ctx, search, maxSearched)
		if err != nil {
			return q, err
		}
		applicants = append([]int64{}, ids...)
	}
	if f.Item != "" || applicants != nil {
		numbers, err := t.cases.Numbers(ctx, casework.Search{DepartmentID: actor.DepartmentID, ItemCode: f.Item,
			ApplicantIDs: applicants, Limit: maxSearched})
		if err != nil {
			return q, err
		}
		q.Instances = make([]string, len(numbers))
		for i, n := range numbers {
			q.Instances[i] = string(n)
		}
	}
	if f.View == Done {
		return q, nil
	}
	now := t.now()
	switch f.Due {
	case DueOverdue:
		q.DueBefore = now
	case DueSoon:
		cal, err := t.calendarOf(ctx, actor)
		if err != nil {
			return q, err
		}
		q.DueBefore = cal.Close(cal.AddWorkdays(cal.DateOf(now), SoonDays)).Add(time.Microsecond)
	}
	return q, nil
}

// rows completes a page of tasks with their cases, names and clocks.
func (t *Tasks) rows(ctx context.Context, actor org.User, tasks []process.TaskEntry) ([]Row, error) {
	if len(tasks) == 0 {
		return nil, nil
	}
	var numbers []casework.Number
	var owners, people []string
	for _, e := range tasks {
		numbers = append(numbers, casework.Number(e.InstanceID))
		owners = append(owners, e.Stream)
		people = append(people, e.Assignee, e.DoneBy)
	}
	cases, err := t.cases.Summaries(ctx, numbers)
	if err != nil {
		return nil, err
	}
	var applicantIDs []int64
	for _, cs := range cases {
		applicantIDs = append(applicantIDs, cs.ApplicantID)
	}
	applicants, err := t.org.NamesByID(ctx, applicantIDs)
	if err != nil {
		return nil, err
	}
	names, err := t.org.Names(ctx, people)
	if err != nil {
		return nil, err
	}
	clocks, err := t.book.States(ctx, owners, t.now())
	if err != nil {
		return nil, err
	}
	out := make([]Row, len(tasks))
	for i, e := range tasks {
		cs := cases[casework.Number(e.InstanceID)]
		r := Row{TaskEntry: e, Case: cs, Applicant: applicants[cs.ApplicantID], HolderName: names[e.Assignee], DoneByName: names[e.DoneBy]}
		if st, ok := clocks[deadline.ClockKey{Owner: e.Stream, Purpose: process.StepPurpose(e.TaskID)}]; ok && st.Running && e.Status == "open" {
			r.Clock = &st
		}
		r.Claimable = e.Status == "open" && e.Assignee == "" && slices.Contains(e.Candidates, actor.Username)
		out[i] = r
	}
	return out, nil
}

// calendarOf is the working-day calendar of the user's region.
func (t *Tasks) calendarOf(ctx context.Context, u org.User) (*workday.Calendar, error) {
	name, err := t.book.ForRegion(ctx, t.db, u.Scope)
	if err != nil {
		return nil, err
	}
	return t.book.Calendar(ctx, name)
}

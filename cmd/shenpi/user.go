package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/ident"
	"github.com/shenpi/shenpi/internal/org"
)

// actor is recorded on the events of changes made from the command line.
const actor = "cli"

// userCmd dispatches `shenpi user add|passwd|token`.
func userCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sub := map[string]func(context.Context, []string, io.Writer, io.Writer) int{
		"add": userAdd, "passwd": userPasswd, "token": userToken,
	}
	if len(args) > 0 {
		if f, ok := sub[args[0]]; ok {
			return f(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, `Usage:
  shenpi user add --username U --role ROLE --name NAME [--department CODE] [--region CODE]
                  [--kind citizen|company --id-number N --credit-code C] [--mobile M]
  shenpi user passwd USERNAME     reset a password; the user must change it at next login
  shenpi user token USERNAME [--name NAME]   issue an API bearer token
`)
	return exitUsage
}

func userAdd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("user add", "user add --username U --role ROLE --name NAME [flags]", stderr)
	dbf := addDBFlags(fs)
	var u org.User
	var role, kind, deptCode string
	fs.StringVar(&u.Username, "username", "", "login name: 3–32 lower-case letters, digits, '.', '_' or '-'")
	fs.StringVar(&role, "role", "", "one of "+roleList())
	fs.StringVar(&u.DisplayName, "name", "", "display name, e.g. 张伟 or the company's name")
	fs.StringVar(&deptCode, "department", "", "department code, e.g. 320102-SCJG (clerk, handler, reviewer, approver, deptadmin)")
	fs.StringVar(&u.RegionCode, "region", "", "region code, e.g. 320100 (supervisor, sysadmin)")
	fs.StringVar(&kind, "kind", "", "applicant kind: citizen or company")
	fs.StringVar(&u.IDNumber, "id-number", "", "resident ID number (citizen; a company's legal representative)")
	fs.StringVar(&u.CreditCode, "credit-code", "", "unified social credit code (company)")
	fs.StringVar(&u.Mobile, "mobile", "", "mobile number")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	u.Role, u.ApplicantKind, u.MustChange = org.Role(role), org.ApplicantKind(kind), true

	if err := ensureKeyFile(dbf, stderr); err != nil {
		return report(stderr, err)
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	if deptCode != "" {
		d, err := s.org.DepartmentByCode(ctx, deptCode)
		if errors.Is(err, org.ErrNotFound) {
			return report(stderr, badInputf("invalid department: no department has the code %q", deptCode))
		} else if err != nil {
			return report(stderr, err)
		}
		u.DepartmentID = d.ID
	}
	password := auth.RandomPassword(16)
	created, err := s.org.CreateUser(ctx, actor, u, auth.HashPassword(password))
	if err != nil {
		return report(stderr, err)
	}
	fmt.Fprintf(stdout, "Created %s (%s).\nPassword: %s\nIt is shown only now; %s must change it at first login.\n",
		created.Username, created.Role, password, created.Username)
	return exitOK
}

func userPasswd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("user passwd", "user passwd USERNAME", stderr)
	dbf := addDBFlags(fs)
	rest, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	u, err := findUser(ctx, s, rest[0])
	if err != nil {
		return report(stderr, err)
	}
	password := auth.RandomPassword(16)
	if err := s.org.SetPassword(ctx, actor, u, auth.HashPassword(password), true); err != nil {
		return report(stderr, err)
	}
	// Whoever knew the old password must not stay logged in.
	if err := s.auth.EndSessions(ctx, u); err != nil {
		return report(stderr, fmt.Errorf("the password was reset but sessions could not be ended: %w", err))
	}
	fmt.Fprintf(stdout, "New password for %s: %s\nIt is shown only now; %s must change it at next login.\n",
		u.Username, password, u.Username)
	return exitOK
}

func userToken(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("user token", "user token USERNAME [--name NAME]", stderr)
	dbf := addDBFlags(fs)
	name := fs.String("name", "cli", "what the token is for, shown in the token list")
	rest, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	u, err := findUser(ctx, s, rest[0])
	if err != nil {
		return report(stderr, err)
	}
	token, err := s.auth.NewToken(ctx, actor, u, *name)
	if err != nil {
		return report(stderr, err)
	}
	// The token alone on stdout, so scripts can capture it.
	fmt.Fprintln(stdout, token)
	fmt.Fprintf(stderr, "This token acts as %s; it is shown only now.\n", u.Username)
	return exitOK
}

func findUser(ctx context.Context, s *services, username string) (org.User, error) {
	u, _, err := s.org.UserWithHash(ctx, username)
	if errors.Is(err, org.ErrNotFound) {
		return u, badInputf("no user named %q", username)
	}
	return u, err
}

// messages are the English texts of org's message keys. ident's keys come
// with their own text; form and org keys are worded here until the web
// layer's catalogue can be shared.
var messages = map[string]string{
	"form.required":              "it is required",
	"form.invalid":               "it is not valid",
	"org.user.username_format":   "use 3 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
	"org.user.username_taken":    "this username is already taken",
	"org.user.role_unknown":      "the role must be one of " + roleList(),
	"org.user.applicant_kind":    "an applicant needs --kind citizen or --kind company",
	"org.department.unknown":     "a staff role needs --department with an existing department code",
	"org.region.unknown":         "a supervisor or administrator needs --region with an existing region code",
	"org.region.parent_unknown":  "the parent region does not exist",
	"org.region.parent_required": "only a province can be created without a parent region",
	"org.region.level_order":     "the region must sit one level below its parent",
	"org.centre.unknown":         "the service centre does not exist",
}

// describe words an error for the terminal; org's validation errors become
// "invalid FIELD: what is wrong".
func describe(err error) string {
	var inv *org.InvalidError
	if !errors.As(err, &inv) {
		return err.Error()
	}
	// Keep the context of a wrapped error; replace only org's own wording.
	return strings.Replace(err.Error(), inv.Error(), "invalid "+inv.Field+": "+explain(inv.Key), 1)
}

// explain turns a message key into an English sentence, or returns the key.
func explain(key string) string {
	if m, ok := ident.Messages[key]; ok {
		return m[1]
	}
	if m, ok := messages[key]; ok {
		return m
	}
	return key
}

func roleList() string {
	names := make([]string, len(org.Roles))
	for i, r := range org.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

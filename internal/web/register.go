package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/request"
)

// registerFields are kept and re-shown when the form is refused. Passwords
// are never echoed back.
var registerFields = []string{"kind", "username", "display_name", "id_number", "credit_code", "mobile", "email"}

func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r)
	v.Form.Set("kind", string(org.Citizen))
	s.pages.Render(w, r, http.StatusOK, s.tmpl.register, v)
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r)
	r.ParseForm()
	for _, f := range registerFields {
		v.Form.Set(f, strings.TrimSpace(r.PostForm.Get(f)))
	}
	password := r.PostForm.Get("password")
	if key := auth.CheckStrength(v.Value("username"), password); key != "" {
		v.Errors["password"] = key
	} else if password != r.PostForm.Get("password2") {
		v.Errors["password2"] = "auth.password.mismatch"
	}
	if v.Value("mobile") == "" {
		v.Errors["mobile"] = "form.required"
	}
	u := org.User{
		Username: v.Value("username"), Role: org.RoleApplicant, ApplicantKind: org.ApplicantKind(v.Value("kind")),
		DisplayName: v.Value("display_name"), IDNumber: v.Value("id_number"), CreditCode: v.Value("credit_code"),
		Mobile: v.Value("mobile"), Email: v.Value("email"), Lang: v.Lang,
	}
	if len(v.Errors) > 0 {
		s.pages.Render(w, r, http.StatusUnprocessableEntity, s.tmpl.register, v)
		return
	}
	// Every registration counts against the address, so accounts cannot be
	// made in bulk nor ID numbers probed for whether they are registered.
	var throttled *auth.ThrottledError
	if err := s.cfg.Auth.Attempt(r.Context(), auth.RegisterKeys(request.ClientAddr(r))...); errors.As(err, &throttled) {
		v.Errors["form"] = "auth.attempts.throttled"
		s.pages.Render(w, r, http.StatusTooManyRequests, s.tmpl.register, v)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}
	created, err := s.cfg.Org.CreateUser(r.Context(), v.Value("username"), u, auth.HashPassword(password))
	var inv *org.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		s.pages.Render(w, r, http.StatusUnprocessableEntity, s.tmpl.register, v)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	token, err := s.cfg.Auth.NewSession(r.Context(), created)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.setSession(w, r, token)
	s.redirect(w, r, "/", "auth.register.done")
}

package org

import "github.com/shenpi/shenpi/internal/refuse"

var (
	ErrNotFound = refuse.NotFound("org: not found", "")
	ErrConflict = refuse.Conflict("org: already exists", "")
)

// InvalidError names the field that is wrong and a message-catalogue key
// saying why, so the form can show the message beside the field.
type InvalidError struct {
	Field string
	Key   string
}

func (e *InvalidError) Error() string { return "org: invalid " + e.Field + " (" + e.Key + ")" }

// Is makes an invalid field a refuse.ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == refuse.ErrInvalid }

func invalid(field, key string) error { return &InvalidError{Field: field, Key: key} }
